// Starts Swagger UI on the document the gateway serves. A file rather than an inline script:
// the page's Content-Security-Policy runs scripts of this origin only.
"use strict";
window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: "/v1/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    // Swagger UI would otherwise send the document to validator.swagger.io and show its badge:
    // no third party, and the CSP allows none.
    validatorUrl: null,
    // Operations listed under their tags, folded: the page opens as a table of contents.
    docExpansion: "list",
    defaultModelsExpandDepth: 0,
    tryItOutEnabled: false,
    persistAuthorization: false,
  });
});

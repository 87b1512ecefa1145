// The checks every answer must pass, from the document alone (Schemathesis' checks are the
// bar: not a server error, status documented, content type documented, body conforms to the
// schema, no invalid input accepted, authentication not ignored), plus what the document says
// in prose: X-Request-Id on every answer, problems whose status, type and errors[] fields are
// true to the request, Retry-After with 429 and 503, an answer within the time limit.
import { Contract, describeErrors } from "./contract.mjs";

// A failure: `check` names the kind, `key` (with the operation) groups repeats of one defect.
function failure(check, key, detail) {
  return { check, key: key ? `${check}: ${key}` : check, detail };
}

function mediaTypeOf(headers) {
  return (headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
}

// "/items/17/name" -> "/items/N/name": one group for every element of a list.
function shapeOf(instancePath) {
  return instancePath.replace(/\/\d+(?=\/|$)/g, "/N") || "(root)";
}

const kRequestId = /^[A-Za-z0-9._-]{1,128}$/;

export function checkAnswer(contract, req, ans, timeoutMs) {
  const op = req.op;
  if (ans.error) {
    return [
      ans.error === "timeout"
        ? failure(
            "no answer in time",
            `${timeoutMs} ms`,
            `no answer within ${timeoutMs} ms (${ans.detail ?? "nothing more known"})`,
          )
        : failure("no answer", ans.error, `the connection failed: ${ans.error}`),
    ];
  }
  const out = [];
  const status = ans.status;
  if (ans.ms > timeoutMs)
    out.push(failure("slow answer", `${timeoutMs} ms`, `answered after ${ans.ms} ms`));
  if (status >= 500) out.push(failure("server error", String(status), `status ${status}`));
  const documented = contract.response(op, status);
  // A 5xx is a server error whatever the document lists: reported as that alone.
  if (!documented && status < 500) {
    const listed = Object.keys(op.responses).join(", ");
    out.push(
      failure("undocumented status", String(status), `status ${status} is not among ${listed}`),
    );
  }
  const requestId = ans.headers["x-request-id"];
  if (!requestId)
    out.push(failure("no X-Request-Id", String(status), "the answer has no X-Request-Id"));
  const sentId = Object.entries(req.headers).find(([n]) => n.toLowerCase() === "x-request-id")?.[1];
  // A 414 or 431 is answered before the headers are read (docs/openapi.yaml): a new id.
  const beforeHeaders = status === 414 || status === 431;
  if (requestId && sentId && kRequestId.test(sentId) && requestId !== sentId && !beforeHeaders) {
    out.push(failure("X-Request-Id not echoed", "", `sent ${sentId}, got ${requestId}`));
  }
  if (status >= 200 && status < 300) {
    if (req.reject) {
      out.push(
        failure("invalid input accepted", reasonKey(req.reject), `${req.reject}, yet ${status}`),
      );
    }
    if (!op.public && req.authValid === false) {
      out.push(failure("authentication ignored", req.role, `${req.role} caller, yet ${status}`));
    }
  }
  if (documented) out.push(...checkBody(contract, req, ans, documented));
  if (
    (status === 429 || status === 503) &&
    documented?.headers?.["Retry-After"] &&
    !ans.headers["retry-after"]
  ) {
    out.push(failure("no Retry-After", String(status), `a ${status} without Retry-After`));
  }
  return out;
}

function reasonKey(reason) {
  return reason
    .replace(/\/\d+(?=\/|\s|$)/g, "/N")
    .replace(/\(.*\)$/, "")
    .trim()
    .slice(0, 80);
}

function checkBody(contract, req, ans, documented) {
  const out = [];
  const status = ans.status;
  const content = documented.content ?? {};
  const types = Object.keys(content);
  const media = mediaTypeOf(ans.headers);
  if (types.length === 0) {
    if (ans.body.length > 0) {
      out.push(
        failure(
          "body where none is documented",
          String(status),
          `${ans.body.length} bytes of ${media || "?"}`,
        ),
      );
    }
    return out;
  }
  const type = types.find((t) => t.toLowerCase() === media);
  if (!type) {
    out.push(
      failure(
        "undocumented Content-Type",
        `${status} ${media || "(none)"}`,
        `Content-Type ${JSON.stringify(ans.headers["content-type"] ?? null)}; documented: ${types.join(", ")}`,
      ),
    );
    return out;
  }
  if (!/json/.test(type)) return out;
  let body;
  try {
    body = JSON.parse(ans.body.toString("utf8"));
  } catch (e) {
    out.push(failure("body is not JSON", String(status), e.message));
    return out;
  }
  const schema = content[type].schema;
  if (schema) {
    const validate = contract.validator(schema);
    if (!validate(body)) {
      const first = validate.errors[0];
      out.push(
        failure(
          "body breaks the schema",
          `${status} ${shapeOf(first.instancePath)} ${first.keyword}`,
          describeErrors(validate.errors),
        ),
      );
    }
  }
  if (status >= 400 && body && typeof body === "object")
    out.push(...checkProblem(req, ans, documented, body));
  return out;
}

function checkProblem(req, ans, documented, problem) {
  const out = [];
  const status = ans.status;
  if (problem.status !== undefined && problem.status !== status) {
    out.push(
      failure(
        "problem status differs",
        String(status),
        `HTTP ${status}, problem says ${problem.status}`,
      ),
    );
  }
  const id = ans.headers["x-request-id"];
  if (id && typeof problem.instance === "string" && !problem.instance.includes(id)) {
    out.push(
      failure(
        "problem instance is another request",
        "",
        `instance ${problem.instance}, X-Request-Id ${id}`,
      ),
    );
  }
  const types = Contract.problemTypes(documented);
  if (types.length > 0 && !types.includes(problem.type)) {
    out.push(
      failure(
        "undocumented problem type",
        `${status} ${problem.type}`,
        `type ${JSON.stringify(problem.type)}; the document says ${types.join(" or ")}`,
      ),
    );
  }
  if (Array.isArray(problem.errors)) {
    const unknown = problem.errors
      .map((e) => e?.field)
      .filter((f) => typeof f !== "string" || !namesRequestField(f, req));
    if (unknown.length > 0) {
      out.push(
        failure(
          "errors[] names no field of the request",
          String(status),
          `fields ${unknown.map((f) => JSON.stringify(f)).join(", ")}`,
        ),
      );
    }
  }
  return out;
}

// A problem may name: the body ("body"), any field sent or that the body's schema has, or a
// parameter (documented or sent; header names case-insensitively).
function namesRequestField(field, req) {
  const op = req.op;
  if (field === "body" && (op.body || req.body !== undefined)) return true;
  if (req.sentFields?.has(field)) return true;
  if (op.body?.fields.some((re) => re.test(field))) return true;
  const lower = field.toLowerCase();
  if (
    op.params.some((p) => (p.in === "header" ? p.name.toLowerCase() === lower : p.name === field))
  ) {
    return true;
  }
  if (req.query.some(([n]) => n === field)) return true;
  return Object.keys(req.sentHeaders ?? {}).some((n) => n.toLowerCase() === lower);
}

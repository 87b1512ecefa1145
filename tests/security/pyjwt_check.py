#!/usr/bin/python3
"""PyJWT, a JWT library we did not write, against the gateway's tokens (issue 14, item 5).

  pyjwt_check.py verify TOKEN SECRET
      Decodes a token the gateway issued as a relying party would: HS256 only, audience
      "iris-api", issuer "iris", exp/iat/sub required. Prints {"header": ..., "claims": ...};
      exits non-zero (PyJWT's error on stderr) when PyJWT refuses it.
  pyjwt_check.py forge SECRET KID SUBJECT ROLE
      Prints a JSON object of tokens PyJWT makes: "valid" (what the gateway would issue) and,
      under other names, tokens RFC 8725 says a verifier must refuse.

Debian's python3-jwt (scripts/lib/packages.sh installs it); run with /usr/bin/python3.
"""
import json
import sys
import time

import jwt


def verify(token, secret):
    header = jwt.get_unverified_header(token)
    claims = jwt.decode(
        token,
        secret,
        algorithms=["HS256"],
        audience="iris-api",
        issuer="iris",
        options={"require": ["exp", "iat", "sub", "iss", "aud"]},
    )
    print(json.dumps({"header": header, "claims": claims}))


def forge(secret, kid, subject, role):
    now = int(time.time())
    base = {"iss": "iris", "aud": "iris-api", "sub": subject, "role": role, "org": "",
            "country": "", "iat": now, "exp": now + 600, "tv": 1}

    def hs(claims, alg="HS256", key=secret, headers=None):
        return jwt.encode(claims, key, algorithm=alg,
                          headers={"kid": kid} if headers is None else headers)

    without = lambda name: {k: v for k, v in base.items() if k != name}
    tokens = {
        "valid": hs(base),
        "alg_none": jwt.encode(base, None, algorithm="none", headers={"kid": kid}),
        "alg_hs384": hs(base, alg="HS384"),
        "alg_hs512": hs(base, alg="HS512"),
        "other_secret": hs(base, key="not the gateway's secret, but long enough to pass"),
        "unknown_kid": hs(base, headers={"kid": "k-unknown"}),
        "no_kid": hs(base, headers={}),
        "expired": hs({**base, "iat": now - 7200, "exp": now - 3600}),
        "issued_in_the_future": hs({**base, "iat": now + 3600, "exp": now + 7200}),
        "other_audience": hs({**base, "aud": "another-api"}),
        "no_audience": hs(without("aud")),
        "other_issuer": hs({**base, "iss": "someone-else"}),
        "no_expiry": hs(without("exp")),
        "no_subject": hs(without("sub")),
        "other_token_version": hs({**base, "tv": 2}),  # the account is at 1
    }
    print(json.dumps(tokens))


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "verify":
        verify(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 6 and sys.argv[1] == "forge":
        forge(*sys.argv[2:])
    else:
        sys.exit(__doc__)

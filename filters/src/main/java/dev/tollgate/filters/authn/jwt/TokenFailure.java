package dev.tollgate.filters.authn.jwt;

import dev.tollgate.filters.core.CallerFault;

/**
 * Why a bearer token was refused. The tag is a short bounded value for metrics and logs; the caller only ever sees
 * {@link #DESCRIPTION}, so a rejection tells an attacker nothing about which check failed.
 */
public enum TokenFailure {

	/** Not a well-formed compact JWS, or a header or claim set that is not a JSON object. */
	MALFORMED("malformed"),
	/** Longer than the configured maximum; refused before any parsing. */
	TOO_LARGE("too_large"),
	/** A JWE or a JWS JSON serialisation; only compact JWS access tokens are accepted (RFC 8725 §3.11). */
	UNSUPPORTED_FORMAT("unsupported_format"),
	/** {@code alg} is not on the issuer's allow-list, or does not match the key's bound algorithm (RFC 8725 §3.1). */
	BAD_ALGORITHM("bad_algorithm"),
	/** A header the gateway does not understand and must not ignore, e.g. {@code crit} (RFC 7515 §4.1.11). */
	BAD_HEADER("bad_header"),
	/** {@code typ} is not an accepted access-token type: ID tokens, logout tokens, DPoP proofs... (RFC 9068 §2.1). */
	BAD_TYPE("bad_type"),
	/** {@code iss} names no configured issuer (exact match, RFC 9068 §4). */
	UNKNOWN_ISSUER("unknown_issuer"),
	/** The issuer is trusted but not on this route's issuer list. */
	ISSUER_NOT_ALLOWED("issuer_not_allowed"),
	/** No key of the issuer's JWKS has the token's {@code kid}, even after a permitted refetch. */
	UNKNOWN_KEY("unknown_key"),
	/** The signature does not verify with the issuer's key. */
	BAD_SIGNATURE("bad_signature"),
	/** A required claim ({@code exp}, {@code aud}, {@code iss}, a client id) is absent. */
	MISSING_CLAIM("missing_claim"),
	/** A claim has the wrong JSON type, e.g. {@code exp} as a string or {@code aud} as a number (RFC 7519 §4.1). */
	BAD_CLAIM_TYPE("bad_claim_type"),
	/** {@code exp} lies in the past, beyond the allowed clock skew. */
	EXPIRED("expired"),
	/** {@code nbf} lies in the future, beyond the allowed clock skew. */
	NOT_YET_VALID("not_yet_valid"),
	/** {@code aud} does not contain this route's audience: the token is not valid here. */
	WRONG_AUDIENCE("wrong_audience"),
	/** The introspection endpoint answered {@code active: false} (RFC 7662 §2.2). */
	INACTIVE("inactive");

	/** The one description every invalid-token answer carries. */
	public static final String DESCRIPTION = "The access token is not valid for this resource.";

	private final String tag;

	private final CallerFault fault;

	TokenFailure(String tag) {
		this.tag = tag;
		// Rejections carry no stack trace and are immutable, so one instance per reason serves every request.
		this.fault = CallerFault.invalidToken(tag, DESCRIPTION);
	}

	/** The bounded metric and log tag. */
	public String tag() {
		return this.tag;
	}

	/** The 401 {@code invalid_token} answer for this failure. */
	public CallerFault fault() {
		return this.fault;
	}

}

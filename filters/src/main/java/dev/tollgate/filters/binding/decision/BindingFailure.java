package dev.tollgate.filters.binding.decision;

/**
 * Why a token's binding was not shown: each value is a bounded reason tag for the decision's metric and log line
 * (stage {@code binding}), and says whether the fault lies in the DPoP proof (RFC 9449 §7.1 {@code
 * invalid_dpop_proof}) or in how the token was used ({@code invalid_token}).
 */
public enum BindingFailure {

	/** A DPoP-bound token without a {@code DPoP} proof, or sent as {@code Bearer} (RFC 9449 §7.1). */
	MISSING_PROOF("missing_proof", false, "A DPoP-bound token must be sent as 'Authorization: DPoP' with a DPoP proof."),
	/** More than one {@code DPoP} header (RFC 9449 §4.3 check 1). */
	MULTIPLE_PROOFS("multiple_proofs", true, "Exactly one DPoP proof is allowed."),
	/** Not a compact JWS, or a required header or claim is missing or of the wrong type (§4.3 checks 2, 3). */
	INVALID_PROOF("invalid_proof", true, "The DPoP proof is malformed or lacks a required member."),
	/** {@code typ} is not {@code dpop+jwt} (§4.3 check 4). */
	PROOF_TYPE("proof_type", true, "The DPoP proof's typ must be dpop+jwt."),
	/** An algorithm not on the allowlist, symmetric, or {@code none} (§4.3 check 5). */
	PROOF_ALGORITHM("proof_algorithm", true, "The DPoP proof's algorithm is not accepted."),
	/** The {@code jwk} header is no usable public key, or carries private members (§4.3 check 7). */
	PROOF_KEY("proof_key", true, "The DPoP proof's jwk must be a public key."),
	/** The signature does not verify with the header's key (§4.3 check 6). */
	PROOF_SIGNATURE("proof_signature", true, "The DPoP proof's signature is not valid."),
	/** {@code htm} is not the request's method (§4.3 check 8). */
	HTM_MISMATCH("htm_mismatch", true, "The DPoP proof's htm does not match the request method."),
	/** {@code htu} is not the request's URL at the gateway's public base URL (§4.3 check 9). */
	HTU_MISMATCH("htu_mismatch", true, "The DPoP proof's htu does not match the request URL."),
	/** {@code iat} outside the accepted window (§4.3 check 11). */
	STALE_PROOF("stale_proof", true, "The DPoP proof is too old or issued in the future."),
	/** {@code ath} missing or not the hash of the access token (§4.3 check 12). */
	ATH_MISMATCH("ath_mismatch", true, "The DPoP proof's ath does not match the access token."),
	/** The proof key's RFC 7638 thumbprint is not the token's {@code cnf.jkt} (§4.3 check 13). */
	JKT_MISMATCH("jkt_mismatch", false, "The DPoP proof key is not the key the token is bound to."),
	/** The proof's {@code jti} was seen before (§11.1). */
	REPLAYED_PROOF("replayed_proof", true, "The DPoP proof was already used."),
	/** The server requires a nonce and the proof has none, or a stale one (§8). */
	NONCE_REQUIRED("use_dpop_nonce", true, "Use the DPoP-Nonce the server provided."),
	/** A token sent with the DPoP scheme that is not DPoP-bound (RFC 9449 §7.1). */
	NOT_DPOP_BOUND("not_dpop_bound", false, "The token is not DPoP-bound; send it as Bearer."),
	/** The route requires a bound token and this one is bound to nothing. */
	UNBOUND_TOKEN("unbound_token", false, "This route requires a sender-constrained (DPoP or certificate-bound) token."),
	/** The token is bound in a way this route does not accept (e.g. certificate-bound on a DPoP route). */
	BINDING_NOT_ACCEPTED("binding_not_accepted", false, "This route does not accept this kind of token binding."),
	/** {@code cnf} names a confirmation method the gateway cannot check. */
	UNSUPPORTED_BINDING("unsupported_binding", false, "The token is bound by a confirmation method not supported here."),
	/** A certificate-bound token without a client certificate (RFC 8705 §3). */
	MISSING_CERTIFICATE("missing_certificate", false, "A certificate-bound token needs its client certificate."),
	/** The client certificate's SHA-256 thumbprint is not the token's {@code cnf.x5t#S256} (RFC 8705 §3.1). */
	CERT_MISMATCH("cert_mismatch", false, "The client certificate is not the one the token is bound to.");

	private final String reason;

	private final boolean proofFault;

	private final String description;

	BindingFailure(String reason, boolean proofFault, String description) {
		this.reason = reason;
		this.proofFault = proofFault;
		this.description = description;
	}

	/** The metric and log reason tag. */
	public String reason() {
		return this.reason;
	}

	/** Whether the DPoP challenge names {@code invalid_dpop_proof} (else {@code invalid_token}). */
	public boolean proofFault() {
		return this.proofFault;
	}

	/** A secret-free explanation for the problem document and the challenge. */
	public String description() {
		return this.description;
	}

}

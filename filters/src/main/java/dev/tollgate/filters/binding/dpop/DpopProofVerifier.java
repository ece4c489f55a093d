package dev.tollgate.filters.binding.dpop;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;

import dev.tollgate.filters.authn.jwks.Ed25519Verifier;
import dev.tollgate.filters.binding.decision.BindingFailure;

/**
 * Checks a DPoP proof (RFC 9449 §4.3) for one request, in the RFC's order, except the replay check (§11.1), which
 * needs the shared {@link ProofReplayCache}. Stateless and thread-safe; time comes from the injected clock.
 * Nothing of the proof is ever put into an exception or a log line.
 */
public final class DpopProofVerifier {

	/** The media type of a DPoP proof (RFC 9449 §4.2). */
	public static final String PROOF_TYPE = "dpop+jwt";

	/** Longest accepted proof and {@code jti}: a proof is a few hundred bytes, an RSA-4096 one under 2 KiB. */
	private static final int MAX_PROOF_LENGTH = 8192;

	private static final int MAX_JTI_LENGTH = 256;

	/** Private-key members of any JWK type (RFC 7518 §6.2.2, §6.3.2, §6.4; RFC 8037 §2): never in a proof. */
	private static final Set<String> PRIVATE_MEMBERS = Set.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");

	/** Algorithms a proof may ever use: asymmetric only (RFC 9449 §4.3 check 5). */
	public static final Set<JWSAlgorithm> ASYMMETRIC = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
			JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256,
			JWSAlgorithm.ES384, JWSAlgorithm.ES512, JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519);

	private final Set<JWSAlgorithm> algorithms;

	private final List<String> algorithmNames;

	private final Duration maxAge;

	private final Duration clockSkew;

	private final Clock clock;

	/**
	 * @param algorithms accepted proof algorithms, each in {@link #ASYMMETRIC}
	 * @param maxAge how old a proof's {@code iat} may be
	 * @param clockSkew how far in the future a proof's {@code iat} may be, and extra tolerance on {@code maxAge}
	 */
	public DpopProofVerifier(List<String> algorithms, Duration maxAge, Duration clockSkew, Clock clock) {
		this.algorithms = Set.copyOf(algorithms.stream().map(JWSAlgorithm::parse).toList());
		for (JWSAlgorithm alg : this.algorithms) {
			if (!ASYMMETRIC.contains(alg)) {
				throw new IllegalArgumentException("DPoP proof algorithm '" + alg + "' is not asymmetric");
			}
		}
		this.algorithmNames = List.copyOf(algorithms);
		this.maxAge = maxAge;
		this.clockSkew = clockSkew;
		this.clock = clock;
	}

	/** The accepted algorithms, for the challenge's {@code algs} and the metadata. */
	public List<String> algorithms() {
		return this.algorithmNames;
	}

	/** How long a proof's {@code jti} must be remembered: as long as the proof could pass the {@code iat} check. */
	public Duration replayWindow() {
		return this.maxAge.plus(this.clockSkew).plus(this.clockSkew);
	}

	/**
	 * @param proof the one {@code DPoP} header value
	 * @param method the request method, for {@code htm}
	 * @param expectedHtu the request's URL at the public base URL, normalised by {@link HttpTargetUri#normalize};
	 * {@code null} when the gateway has no public base URL, so no {@code htu} can match
	 * @param accessToken the access token the proof comes with, for {@code ath}
	 * @param expectedJkt the token's {@code cnf.jkt}
	 * @param nonces the server nonces a proof must carry one of (RFC 9449 §8), or {@code null} when none is required
	 */
	public VerifiedProof verify(String proof, String method, String expectedHtu, String accessToken,
			String expectedJkt, DpopNonces nonces) throws DpopProofException {
		// §4.3 checks 2 and 3: one well-formed compact JWS with the required members.
		if (proof.length() > MAX_PROOF_LENGTH || proof.chars().filter((c) -> c == '.').count() != 2) {
			throw new DpopProofException(BindingFailure.INVALID_PROOF);
		}
		Map<String, Object> header = header(proof);
		// Check 4: the type.
		if (!(header.get("typ") instanceof String typ) || !PROOF_TYPE.equalsIgnoreCase(typ)) {
			throw new DpopProofException(BindingFailure.PROOF_TYPE);
		}
		// Check 5: an asymmetric algorithm from the allowlist; "none" and HMAC never are.
		if (!(header.get("alg") instanceof String algName) || !this.algorithms.contains(JWSAlgorithm.parse(algName))) {
			throw new DpopProofException(BindingFailure.PROOF_ALGORITHM);
		}
		if (header.containsKey("crit")) {
			// RFC 7515 §4.1.11: no extension is understood here.
			throw new DpopProofException(BindingFailure.INVALID_PROOF);
		}
		// Check 7: a public key, with no private member.
		JWK jwk = publicKey(header.get("jwk"));
		JWSAlgorithm alg = JWSAlgorithm.parse(algName);
		JWSVerifier verifier = verifier(jwk, alg);
		// Check 6: the signature, with the header's own key.
		JWSObject jws;
		try {
			jws = JWSObject.parse(proof);
			if (!jws.verify(verifier)) {
				throw new DpopProofException(BindingFailure.PROOF_SIGNATURE);
			}
		}
		catch (ParseException ex) {
			throw new DpopProofException(BindingFailure.INVALID_PROOF);
		}
		catch (JOSEException | IllegalStateException ex) {
			throw new DpopProofException(BindingFailure.PROOF_SIGNATURE);
		}
		Map<String, Object> claims = jws.getPayload().toJSONObject();
		if (claims == null || !(claims.get("jti") instanceof String jti) || jti.isEmpty()
				|| jti.length() > MAX_JTI_LENGTH || !(claims.get("htm") instanceof String htm)
				|| !(claims.get("htu") instanceof String htu) || !(claims.get("iat") instanceof Number iat)) {
			throw new DpopProofException(BindingFailure.INVALID_PROOF);
		}
		// Check 8: the method, case-sensitive (RFC 9110 §9.1).
		if (!htm.equals(method)) {
			throw new DpopProofException(BindingFailure.HTM_MISMATCH);
		}
		// Check 9: the URL, query and fragment ignored, both sides normalised (RFC 3986 §6.2.2, §6.2.3).
		if (expectedHtu == null || !expectedHtu.equals(HttpTargetUri.normalize(htu))) {
			throw new DpopProofException(BindingFailure.HTU_MISMATCH);
		}
		// Check 10 (§8): the server's nonce, when it asked for one.
		if (nonces != null && !nonces.accepts(claims.get("nonce"))) {
			throw new DpopProofException(BindingFailure.NONCE_REQUIRED);
		}
		// Check 11: iat within the window.
		Instant issued = Instant.ofEpochSecond(iat.longValue());
		Instant now = this.clock.instant();
		if (issued.isAfter(now.plus(this.clockSkew)) || issued.isBefore(now.minus(this.maxAge).minus(this.clockSkew))) {
			throw new DpopProofException(BindingFailure.STALE_PROOF);
		}
		// Check 12: ath is the base64url SHA-256 of the access token's ASCII (§4.2).
		if (!(claims.get("ath") instanceof String ath) || !ath.equals(accessTokenHash(accessToken))) {
			throw new DpopProofException(BindingFailure.ATH_MISMATCH);
		}
		// Check 13: the proof key is the key the token is bound to (RFC 7638 thumbprint, §6.1).
		String jkt = thumbprint(jwk);
		if (!jkt.equals(expectedJkt)) {
			throw new DpopProofException(BindingFailure.JKT_MISMATCH);
		}
		return new VerifiedProof(jkt, jti, issued);
	}

	/** {@code ath}: base64url(SHA-256(ASCII(token))) (RFC 9449 §4.2). */
	public static String accessTokenHash(String accessToken) {
		return Base64URL.encode(sha256(accessToken.getBytes(StandardCharsets.US_ASCII))).toString();
	}

	private static Map<String, Object> header(String proof) throws DpopProofException {
		try {
			String encoded = proof.substring(0, proof.indexOf('.'));
			return JSONObjectUtils.parse(new Base64URL(encoded).decodeToString());
		}
		catch (ParseException | RuntimeException ex) {
			throw new DpopProofException(BindingFailure.INVALID_PROOF);
		}
	}

	private static JWK publicKey(Object member) throws DpopProofException {
		if (!(member instanceof Map<?, ?> map)) {
			throw new DpopProofException(BindingFailure.INVALID_PROOF);
		}
		for (Object name : map.keySet()) {
			if (PRIVATE_MEMBERS.contains(name)) {
				throw new DpopProofException(BindingFailure.PROOF_KEY);
			}
		}
		try {
			@SuppressWarnings("unchecked")
			JWK jwk = JWK.parse((Map<String, Object>) map);
			if (jwk.isPrivate()) {
				throw new DpopProofException(BindingFailure.PROOF_KEY);
			}
			return jwk;
		}
		catch (ParseException | RuntimeException ex) {
			throw new DpopProofException(BindingFailure.PROOF_KEY);
		}
	}

	private static JWSVerifier verifier(JWK jwk, JWSAlgorithm alg) throws DpopProofException {
		try {
			JWSVerifier verifier;
			if (jwk instanceof RSAKey rsa) {
				if (rsa.size() < 2048) {
					throw new DpopProofException(BindingFailure.PROOF_KEY);
				}
				verifier = new RSASSAVerifier(rsa);
			}
			else if (jwk instanceof ECKey ec) {
				verifier = new ECDSAVerifier(ec);
			}
			else if (jwk instanceof OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve())) {
				verifier = new Ed25519Verifier(okp);
			}
			else {
				throw new DpopProofException(BindingFailure.PROOF_KEY);
			}
			if (!verifier.supportedJWSAlgorithms().contains(alg)) {
				// An algorithm that does not fit the key's type or curve (ES384 with a P-256 key, EdDSA with RSA).
				throw new DpopProofException(BindingFailure.PROOF_ALGORITHM);
			}
			return verifier;
		}
		catch (JOSEException ex) {
			throw new DpopProofException(BindingFailure.PROOF_KEY);
		}
	}

	private static String thumbprint(JWK jwk) throws DpopProofException {
		try {
			return jwk.computeThumbprint("SHA-256").toString();
		}
		catch (JOSEException ex) {
			throw new DpopProofException(BindingFailure.PROOF_KEY);
		}
	}

	private static byte[] sha256(byte[] input) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(input);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

package dev.tollgate.filters.authn.bearer;

import com.nimbusds.jose.JOSEException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import dev.tollgate.filters.authn.jwks.JwksCache;
import dev.tollgate.filters.authn.jwks.VerificationKey;
import dev.tollgate.filters.authn.jwt.AccessTokenValidators;
import dev.tollgate.filters.authn.jwt.CompactJws;
import dev.tollgate.filters.authn.jwt.TokenFailure;
import dev.tollgate.filters.authn.jwt.ValidatedToken;
import dev.tollgate.filters.authn.jwt.ValidationResult;

/**
 * Validates a JWT access token per RFC 9068 §4 and RFC 8725. The unverified {@code iss} only selects which
 * issuer's rules and keys apply; the token is then accepted only if that issuer's allow-list has its {@code alg},
 * its claims pass the issuer's checks (cheap, so they run first and spare the signature work), and the signature
 * verifies with the key of that issuer's JWKS that has the token's {@code kid} and is bound to its {@code alg}.
 */
public final class JwtAccessTokenVerifier {

	private static final Logger log = LoggerFactory.getLogger(JwtAccessTokenVerifier.class);

	private final TrustedIssuers issuers;

	private final JwksCache keys;

	public JwtAccessTokenVerifier(TrustedIssuers issuers, JwksCache keys) {
		this.issuers = issuers;
		this.keys = keys;
	}

	/**
	 * The trusted issuer the unverified {@code iss} names, exactly.
	 * @throws dev.tollgate.filters.core.CallerFault when {@code iss} is absent, not a string or unknown
	 */
	public TrustedIssuer select(CompactJws jws) {
		Object iss = jws.claims().get("iss");
		if (iss == null) {
			throw TokenFailure.MISSING_CLAIM.fault();
		}
		if (!(iss instanceof String issuerId)) {
			throw TokenFailure.BAD_CLAIM_TYPE.fault();
		}
		TrustedIssuer issuer = this.issuers.byIssuer(issuerId);
		if (issuer == null) {
			throw TokenFailure.UNKNOWN_ISSUER.fault();
		}
		return issuer;
	}

	/** Verify {@code jws} as an access token of {@code issuer} (see {@link #select}). */
	public Mono<ValidatedToken> verify(CompactJws jws, TrustedIssuer issuer) {
		if (!issuer.policy().allows(jws.algorithm())) {
			return Mono.error(TokenFailure.BAD_ALGORITHM.fault());
		}
		ValidationResult result = issuer.validator().validate(jws);
		if (!result.isValid()) {
			log.atDebug().addKeyValue("issuer", issuer.name()).addKeyValue("failures", result.tags()).log("jwt refused");
			return Mono.error(result.primary().fault());
		}
		if (jws.isUnsigned()) {
			return Mono.error(TokenFailure.BAD_SIGNATURE.fault());
		}
		return this.keys.key(issuer.name(), jws.keyId(), jws.algorithm()).flatMap((key) -> {
			if (!verifies(key, jws)) {
				return Mono.error(TokenFailure.BAD_SIGNATURE.fault());
			}
			return Mono.just(AccessTokenValidators.toValidated(jws, issuer.policy()));
		});
	}

	private static boolean verifies(VerificationKey key, CompactJws jws) {
		try {
			return key.verifier().verify(jws.header(), jws.signingInput(), jws.signature());
		}
		catch (JOSEException | RuntimeException ex) {
			// Malformed signatures (e.g. an all-zero ECDSA signature, CVE-2022-21449) are refusals, not errors.
			return false;
		}
	}

}

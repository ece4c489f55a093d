package dev.tollgate.filters.upstream.exchange;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.factories.DefaultJWSSignerFactory;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Signs RFC 7523 client assertions: {@code iss} = {@code sub} = the client id, {@code aud} = the token endpoint,
 * a short {@code exp} and a unique {@code jti} each time, so a captured assertion is useless elsewhere and soon.
 */
final class ClientAssertionSigner {

	/** RFC 7523 §2.2 {@code client_assertion_type}. */
	static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

	private final String clientId;

	private final String audience;

	private final JWSSigner signer;

	private final JWSHeader header;

	private final Duration ttl;

	private final Clock clock;

	ClientAssertionSigner(String clientId, String audience, JWK key, JWSAlgorithm algorithm, Duration ttl,
			Clock clock) {
		this.clientId = clientId;
		this.audience = audience;
		this.ttl = ttl;
		this.clock = clock;
		try {
			this.signer = new DefaultJWSSignerFactory().createJWSSigner(key, algorithm);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("private key cannot sign " + algorithm + " (" + ex.getMessage() + ")");
		}
		this.header = new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT).keyID(key.getKeyID()).build();
	}

	/** A new signed assertion; CPU only (no I/O), so callable on an event loop. */
	String sign() {
		Instant now = this.clock.instant();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(this.clientId)
			.subject(this.clientId)
			.audience(this.audience)
			.issueTime(Date.from(now))
			.notBeforeTime(Date.from(now))
			.expirationTime(Date.from(now.plus(this.ttl)))
			.jwtID(UUID.randomUUID().toString())
			.build();
		SignedJWT jwt = new SignedJWT(this.header, claims);
		try {
			jwt.sign(this.signer);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("client assertion signing failed", ex);
		}
		return jwt.serialize();
	}

}

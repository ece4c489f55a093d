package dev.tollgate.filters.upstream.mint;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.factories.DefaultJWSSignerFactory;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import dev.tollgate.filters.core.CallerIdentity;

/**
 * Mints the short-lived, audience-bound access token an upstream receives in place of the caller's credential
 * (RFC 9068 profile: {@code typ at+jwt}, {@code iss}, {@code sub}, {@code aud}, {@code client_id}, {@code scope},
 * {@code jti}). Tokens are cached per (caller credential, route) until shortly before they expire, because signing
 * costs far more than the rest of the pipeline.
 */
public final class TokenMinter {

	/** Claim naming how the caller authenticated at the gateway, e.g. {@code api-key}. */
	public static final String CREDENTIAL_CLAIM = "tollgate_credential";

	/** Claim carrying the id (never the secret) of the API key the call came with. */
	public static final String KEY_ID_CLAIM = "tollgate_key_id";

	private record CacheKey(String credential, String routeId, String audience, List<String> scopes) {
	}

	/** @param authorization the header value {@code Bearer <token>}, built once rather than per request */
	private record Minted(String token, String authorization, Instant refreshAt) {
	}

	private record Signer(JWK key, JWSSigner signer) {
	}

	private static final JOSEObjectType AT_JWT = new JOSEObjectType("at+jwt");

	/** The signer of the key last signed with; replaced when the ring rotates. */
	private volatile Signer signer;

	private final SigningKeyRing keys;

	private final String issuer;

	private final Duration ttl;

	private final Duration refreshMargin;

	private final Clock clock;

	private final Cache<CacheKey, Minted> cache;

	public TokenMinter(SigningKeyRing keys, String issuer, Duration ttl, Duration refreshMargin, long cacheMaxSize,
			Clock clock) {
		this.keys = keys;
		this.issuer = issuer;
		this.ttl = ttl;
		this.refreshMargin = refreshMargin;
		this.clock = clock;
		this.cache = Caffeine.newBuilder().maximumSize(cacheMaxSize).expireAfter(new Expiry<CacheKey, Minted>() {
			@Override
			public long expireAfterCreate(CacheKey key, Minted value, long currentTime) {
				return Math.max(0, Duration.between(clock.instant(), value.refreshAt()).toNanos());
			}

			@Override
			public long expireAfterUpdate(CacheKey key, Minted value, long currentTime, long currentDuration) {
				return expireAfterCreate(key, value, currentTime);
			}

			@Override
			public long expireAfterRead(CacheKey key, Minted value, long currentTime, long currentDuration) {
				return currentDuration;
			}
		}).build();
	}

	public String issuer() {
		return this.issuer;
	}

	/**
	 * A token for {@code caller} to present to the upstream of {@code routeId}.
	 * @param audience the upstream's audience ({@code aud})
	 * @param scopes the scopes the token carries; callers pass only what the route allows
	 */
	public String mint(CallerIdentity caller, String routeId, String audience, List<String> scopes) {
		return minted(caller, routeId, audience, scopes).token();
	}

	/** The same token as an {@code Authorization} header value, {@code Bearer <token>}. */
	public String mintAuthorization(CallerIdentity caller, String routeId, String audience, List<String> scopes) {
		return minted(caller, routeId, audience, scopes).authorization();
	}

	private Minted minted(CallerIdentity caller, String routeId, String audience, List<String> scopes) {
		String credential = caller.kind().tag() + ":"
				+ ((caller.keyId() != null) ? caller.keyId() : caller.issuer() + "|" + caller.subject() + "|" + caller.clientId());
		if (caller.confirmation().isBound()) {
			// Minted with an act claim: never shared with the same caller's bearer-token entry.
			credential = "bound:" + credential;
		}
		CacheKey key = new CacheKey(credential, routeId, audience, List.copyOf(scopes));
		Minted cached = this.cache.getIfPresent(key);
		if (cached != null && this.clock.instant().isBefore(cached.refreshAt())) {
			return cached;
		}
		Minted minted = sign(caller, audience, scopes);
		this.cache.put(key, minted);
		return minted;
	}

	/** The signer of the current key, made once per key rather than once per token. */
	private JWSSigner signerFor(JWK key) throws JOSEException {
		Signer last = this.signer;
		if (last != null && last.key() == key) {
			return last.signer();
		}
		JWSSigner made = (key instanceof OctetKeyPair okp) ? new Ed25519Signer(okp)
				: new DefaultJWSSignerFactory().createJWSSigner(key, this.keys.algorithm());
		this.signer = new Signer(key, made);
		return made;
	}

	private Minted sign(CallerIdentity caller, String audience, List<String> scopes) {
		Instant now = this.clock.instant();
		Instant exp = now.plus(this.ttl);
		// Never outlive the caller's own credential.
		if (caller.expiresAt() != null && caller.expiresAt().isBefore(exp)) {
			exp = caller.expiresAt();
		}
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(this.issuer)
			.subject(caller.subject())
			.audience(audience)
			.claim("client_id", caller.clientId())
			.claim("scope", String.join(" ", scopes))
			.issueTime(Date.from(now))
			.notBeforeTime(Date.from(now))
			.expirationTime(Date.from(exp))
			.jwtID(UUID.randomUUID().toString())
			.claim(CREDENTIAL_CLAIM, caller.kind().tag());
		if (caller.keyId() != null) {
			claims.claim(KEY_ID_CLAIM, caller.keyId());
		}
		if (caller.confirmation().isBound()) {
			// RFC 8693 §4.1: the gateway acts for the caller, whose sender-constrained token it cannot pass on.
			claims.claim("act", Map.of("sub", this.issuer));
		}
		JWK key = this.keys.current();
		JWSHeader header = new JWSHeader.Builder(this.keys.algorithm()).type(AT_JWT).keyID(key.getKeyID()).build();
		SignedJWT jwt = new SignedJWT(header, claims.build());
		try {
			jwt.sign(signerFor(key));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("cannot sign a minted token: " + ex.getClass().getSimpleName());
		}
		Instant refreshAt = exp.minus(this.refreshMargin);
		String token = jwt.serialize();
		return new Minted(token, "Bearer " + token, refreshAt);
	}

}

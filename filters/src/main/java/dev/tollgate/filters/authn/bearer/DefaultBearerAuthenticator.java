package dev.tollgate.filters.authn.bearer;

import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import dev.tollgate.filters.authn.BearerAuthenticator;
import dev.tollgate.filters.authn.FailedCredentialCache;
import dev.tollgate.filters.authn.introspection.OpaqueTokenIntrospector;
import dev.tollgate.filters.authn.jwt.CompactJws;
import dev.tollgate.filters.authn.jwt.TokenFailure;
import dev.tollgate.filters.authn.jwt.TokenFormat;
import dev.tollgate.filters.authn.jwt.ValidatedToken;
import dev.tollgate.filters.authn.jwt.ValidationResult;
import dev.tollgate.filters.core.Answer;
import dev.tollgate.filters.core.CallerFault;
import dev.tollgate.filters.core.CallerIdentity;
import dev.tollgate.filters.core.CredentialKind;
import dev.tollgate.filters.core.InboundCredential;
import dev.tollgate.filters.core.Rejection;
import dev.tollgate.filters.core.RouteSecurity;
import dev.tollgate.filters.core.TokenFingerprint;

/**
 * Validates bearer tokens: JWT access tokens locally (signature by the issuer's JWKS, RFC 9068 / RFC 8725), opaque
 * tokens by RFC 7662 introspection, then the route's issuers, audience and the token's lifetime. Refusals are 401
 * {@code invalid_token} with a bounded reason and one fixed description; an unreachable JWKS (before any key set
 * was fetched) or introspection endpoint is a 503. No token content ever reaches a log line or an answer.
 */
public final class DefaultBearerAuthenticator implements BearerAuthenticator {

	private static final Logger log = LoggerFactory.getLogger(DefaultBearerAuthenticator.class);

	private final TrustedIssuers issuers;

	private final JwtAccessTokenVerifier jwtVerifier;

	private final OpaqueTokenIntrospector introspector;

	private final VerifiedTokenCache verifiedTokens;

	/**
	 * JWT failures that hold for this token on every route and stay true as time passes: remembered in the
	 * negative cache. Not remembered: the route's issuer list, an unknown {@code kid} (the issuer may be rotating
	 * keys right now), {@code nbf} in the future; opaque tokens, whose answers the introspector caches per issuer.
	 */
	private static final Set<TokenFailure> DEFINITIVE = EnumSet.of(TokenFailure.MALFORMED,
			TokenFailure.UNSUPPORTED_FORMAT, TokenFailure.BAD_ALGORITHM, TokenFailure.BAD_HEADER, TokenFailure.BAD_TYPE,
			TokenFailure.UNKNOWN_ISSUER, TokenFailure.BAD_SIGNATURE, TokenFailure.MISSING_CLAIM,
			TokenFailure.BAD_CLAIM_TYPE, TokenFailure.EXPIRED);

	private final FailedCredentialCache failedTokens;

	private final Clock clock;

	private final int maxTokenLength;

	private final int maxJsonDepth;

	public DefaultBearerAuthenticator(TrustedIssuers issuers, JwtAccessTokenVerifier jwtVerifier,
			OpaqueTokenIntrospector introspector, VerifiedTokenCache verifiedTokens, Clock clock, int maxTokenLength,
			int maxJsonDepth) {
		this(issuers, jwtVerifier, introspector, verifiedTokens, FailedCredentialCache.disabled("bearer"), clock,
				maxTokenLength, maxJsonDepth);
	}

	/** @param failedTokens the negative cache of JWTs that failed verification */
	public DefaultBearerAuthenticator(TrustedIssuers issuers, JwtAccessTokenVerifier jwtVerifier,
			OpaqueTokenIntrospector introspector, VerifiedTokenCache verifiedTokens, FailedCredentialCache failedTokens,
			Clock clock, int maxTokenLength, int maxJsonDepth) {
		this.failedTokens = failedTokens;
		this.issuers = issuers;
		this.jwtVerifier = jwtVerifier;
		this.introspector = introspector;
		this.verifiedTokens = verifiedTokens;
		this.clock = clock;
		this.maxTokenLength = maxTokenLength;
		this.maxJsonDepth = maxJsonDepth;
	}

	@Override
	public Mono<CallerIdentity> authenticate(String token, RouteSecurity route) {
		// Lazy, as a Mono should be: nothing is looked up until subscription, and again on each.
		return Mono.defer(() -> {
			try {
				return answer(token, route).toMono();
			}
			catch (Rejection refusal) {
				return Mono.error(refusal);
			}
		});
	}

	@Override
	public Answer<CallerIdentity> answer(String token, RouteSecurity route) {
		if (token == null || token.isEmpty()) {
			throw TokenFailure.MALFORMED.fault();
		}
		return answer(new InboundCredential(CredentialKind.JWT, token), route);
	}

	/** Ready now on a verified-token or failed-token cache hit; a refusal decided now is thrown. */
	@Override
	public Answer<CallerIdentity> answer(InboundCredential credential, RouteSecurity route) {
		String token = credential.value();
		if (token.isEmpty()) {
			throw TokenFailure.MALFORMED.fault();
		}
		if (token.length() > this.maxTokenLength) {
			throw TokenFailure.TOO_LARGE.fault();
		}
		String fingerprint = credential.fingerprint();
		ValidatedToken cached = this.verifiedTokens.get(fingerprint);
		if (cached != null) {
			return Answer.now(forRoute(cached, route));
		}
		CallerFault failed = this.failedTokens.get(fingerprint);
		if (failed != null) {
			throw failed;
		}
		return Answer.later(validate(token, fingerprint, route).map((valid) -> forRoute(valid, route)));
	}

	/** True when this token's signature and issuer-level claims were verified recently (route checks still apply). */
	@Override
	public boolean recentlyVerified(String token) {
		return token != null && token.length() <= this.maxTokenLength
				&& this.verifiedTokens.get(TokenFingerprint.of(token)) != null;
	}

	private void remember(String fingerprint, CallerFault fault, long generation) {
		if (isDefinitive(fault)) {
			this.failedTokens.put(fingerprint, fault, generation);
		}
	}

	/** Only the JWT path's own failures are remembered, by identity with the one fault per {@link TokenFailure}. */
	private static boolean isDefinitive(CallerFault fault) {
		for (TokenFailure failure : DEFINITIVE) {
			if (failure.fault() == fault) {
				return true;
			}
		}
		return false;
	}

	private Mono<ValidatedToken> validate(String token, String fingerprint, RouteSecurity route) {
		switch (TokenFormat.of(token)) {
			case JWS -> {
				long generation = this.failedTokens.generation();
				CompactJws jws;
				TrustedIssuer issuer;
				try {
					jws = CompactJws.parse(token, this.maxJsonDepth);
					issuer = this.jwtVerifier.select(jws);
				}
				catch (CallerFault fault) {
					remember(fingerprint, fault, generation);
					throw fault;
				}
				if (!route.issuers().isEmpty() && !route.issuers().contains(issuer.name())) {
					// Refuse before any key lookup: this route must not make the gateway fetch another issuer's keys.
					return Mono.error(TokenFailure.ISSUER_NOT_ALLOWED.fault());
				}
				if (issuer.introspectJwts()) {
					return this.introspector.introspect(issuer.introspection(), token, fingerprint);
				}
				return this.jwtVerifier.verify(jws, issuer)
					.doOnNext((verified) -> this.verifiedTokens.put(fingerprint, verified))
					.doOnError(CallerFault.class, (fault) -> remember(fingerprint, fault, generation));
			}
			case OPAQUE -> {
				TrustedIssuer issuer = this.issuers.introspectionFor(route);
				if (issuer == null) {
					return Mono.error(TokenFailure.MALFORMED.fault());
				}
				return this.introspector.introspect(issuer.introspection(), token, fingerprint);
			}
			default -> {
				return Mono.error(TokenFailure.UNSUPPORTED_FORMAT.fault());
			}
		}
	}

	/** The caller, if the token is good for this route; else the primary failure is thrown. */
	private CallerIdentity forRoute(ValidatedToken token, RouteSecurity route) {
		ValidationResult result = RouteChecks.check(token, route, this.clock.instant());
		if (result.isValid()) {
			return token.toIdentity();
		}
		log.atDebug()
			.addKeyValue("route", route.routeId())
			.addKeyValue("issuer", token.issuerName())
			.addKeyValue("failures", result.tags())
			.log("token refused for route");
		throw result.primary().fault();
	}

}

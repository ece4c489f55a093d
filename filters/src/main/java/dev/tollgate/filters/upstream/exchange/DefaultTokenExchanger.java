package dev.tollgate.filters.upstream.exchange;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import com.nimbusds.jwt.JWTParser;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.client.WebClient;

import dev.tollgate.filters.core.Answer;
import dev.tollgate.filters.core.CallerFault;
import dev.tollgate.filters.core.CallerIdentity;
import dev.tollgate.filters.core.CredentialKind;
import dev.tollgate.filters.core.InboundCredential;
import dev.tollgate.filters.core.DependencyFailure;
import dev.tollgate.filters.core.Rejection;
import dev.tollgate.filters.observe.DependencyCalls;
import dev.tollgate.filters.upstream.TokenExchanger;

/**
 * RFC 8693 token exchange with a per-subject cache, single flight, a short negative cache and strict failure
 * answers. The result is always a token made for the target or an error: never the caller's own token, never empty.
 */
public final class DefaultTokenExchanger implements TokenExchanger {

	static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:token-exchange";

	private final Map<String, Profile> profiles;

	private final StsClient client;

	private final ExchangeAudit audit;

	private final Clock clock;

	/** One profile's settings with its own cache and actor tokens. */
	private record Profile(StsProfile settings, TokenCache<ExchangeKey> cache, ActorTokens actors) {
	}

	/**
	 * @param profiles the resolved STS profiles ({@link StsProfiles#from})
	 * @param webClient the client for STS calls (non-blocking; time budgets are applied per call)
	 * @param registry where the exchange metrics go
	 * @param clock the time source for cache deadlines and client assertions
	 */
	public DefaultTokenExchanger(Map<String, StsProfile> profiles, WebClient webClient, MeterRegistry registry,
			Clock clock) {
		this(profiles, webClient, registry, clock, new DependencyCalls(clock));
	}

	/** @param calls where each profile's last STS outcome is kept for health */
	public DefaultTokenExchanger(Map<String, StsProfile> profiles, WebClient webClient, MeterRegistry registry,
			Clock clock, DependencyCalls calls) {
		this.clock = clock;
		ExchangeMetrics metrics = new ExchangeMetrics(registry, calls);
		this.client = new StsClient(webClient, metrics);
		this.audit = new ExchangeAudit(metrics);
		Map<String, Profile> built = new LinkedHashMap<>();
		profiles.forEach((name, settings) -> {
			TokenCache<ExchangeKey> cache = new TokenCache<>(settings.cacheMaxSize(), clock);
			metrics.cacheSize(name, cache::size);
			built.put(name, new Profile(settings, cache, new ActorTokens(settings, this.client, clock)));
		});
		this.profiles = Map.copyOf(built);
	}

	/** The configured profile names, for start-up validation of route declarations. */
	public Set<String> profileNames() {
		return this.profiles.keySet();
	}

	@Override
	public Mono<String> exchange(String profileName, CallerIdentity caller, String subjectToken, String audience,
			String resource, List<String> scopes) {
		return Mono.deferContextual((context) -> {
			try {
				return answer(context.getOrDefault(ROUTE_ID_CONTEXT_KEY, "-"), profileName, caller,
						new InboundCredential(caller.kind(), subjectToken), audience, resource, scopes).toMono();
			}
			catch (Rejection rejection) {
				return Mono.error(rejection);
			}
		});
	}

	@Override
	public Answer<String> answer(String routeId, String profileName, CallerIdentity caller, InboundCredential subject,
			String audience, String resource, List<String> scopes) {
		String subjectToken = subject.value();
		long start = System.nanoTime();
		ExchangeRequest request = new ExchangeRequest(routeId, profileName, caller, audience, resource, scopes);
		Profile profile = this.profiles.get(profileName);
		Rejection early = precheck(profile, request, subjectToken);
		if (early != null) {
			this.audit.rejected(request, CacheState.NONE, early, start);
			throw early;
		}
		TokenCache.Lookup lookup = profile.cache()
			.get(ExchangeKey.ofFingerprint(subject.fingerprint(), request), () -> load(profile, request, subjectToken));
		CompletableFuture<TokenCache.Outcome> result = lookup.result();
		if (result.isDone() && !result.isCompletedExceptionally()) {
			return Answer.now(answer(request, lookup.state(), result.join(), start));
		}
		// suppressCancel: one caller going away must not cancel the exchange others are waiting for.
		return Answer.later(Mono.fromFuture(result, true).onErrorResume((ex) -> {
			Rejection rejection = (ex instanceof Rejection r) ? r
					: StsClient.unavailable(profile.settings(), "exchange_error", null);
			this.audit.rejected(request, lookup.state(), rejection, start);
			return Mono.error(rejection);
		}).map((outcome) -> answer(request, lookup.state(), outcome, start)));
	}

	@Override
	public void invalidate(String profileName, String subjectToken, String audience, String resource,
			List<String> scopes, String rejectedToken) {
		Profile profile = this.profiles.get(profileName);
		if (profile != null && subjectToken != null) {
			ExchangeRequest request = new ExchangeRequest("-", profileName, new CallerIdentity("-", null, Set.of(),
					CredentialKind.JWT, null, null, null), audience, resource, scopes);
			profile.cache().invalidate(ExchangeKey.of(subjectToken, request), rejectedToken);
		}
	}

	@Override
	public boolean retryOnUpstreamUnauthorized(String profileName) {
		Profile profile = this.profiles.get(profileName);
		return profile != null && profile.settings().retryOnUpstream401();
	}

	/** The issued token, or the STS's refusal thrown. */
	private String answer(ExchangeRequest request, CacheState state, TokenCache.Outcome outcome, long start) {
		if (outcome instanceof TokenCache.Issued issued) {
			this.audit.issued(request, state, start);
			return issued.token();
		}
		CallerFault fault = ((TokenCache.Refused) outcome).fault();
		this.audit.rejected(request, state, fault, start);
		throw fault;
	}

	private Rejection precheck(Profile profile, ExchangeRequest request, String subjectToken) {
		if (profile == null) {
			// Route declarations are validated against profileNames() at start-up; this is a wiring bug, not the
			// caller's fault.
			return new DependencyFailure("sts", "sts_unknown_profile", Duration.ofSeconds(30));
		}
		if (request.caller().kind() == CredentialKind.API_KEY || subjectToken == null || subjectToken.isBlank()) {
			return CallerFault.forbidden("exchange_not_bearer", "Only bearer tokens can be exchanged.");
		}
		// security.md / RFC 8693 §5: never ask the STS for more than the caller holds; many STSs (Spring
		// Authorization Server among them) check requested scopes only against the gateway's own client.
		List<String> missing = request.scopes().stream().filter((s) -> !request.caller().scopes().contains(s)).toList();
		if (!missing.isEmpty()) {
			return CallerFault.insufficientScope(missing);
		}
		return null;
	}

	private CompletableFuture<TokenCache.Outcome> load(Profile profile, ExchangeRequest request, String subjectToken) {
		StsProfile settings = profile.settings();
		Instant sentAt = this.clock.instant();
		return profile.actors()
			.current()
			.flatMap((actor) -> this.client.call(settings, form(request, subjectToken, actor),
					StsClient.Grant.TOKEN_EXCHANGE))
			.<TokenCache.Outcome>map((issued) -> new TokenCache.Issued(issued.accessToken(),
					freshUntil(settings, request.caller(), issued, sentAt)))
			.onErrorResume(CallerFault.class, (fault) -> Mono
				.just(new TokenCache.Refused(fault, this.clock.instant().plus(settings.negativeCacheTtl()))))
			.toFuture();
	}

	/** RFC 8693 §2.1 request parameters. */
	private static MultiValueMap<String, String> form(ExchangeRequest request, String subjectToken,
			Optional<ActorTokens.Actor> actor) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.set("grant_type", GRANT_TYPE);
		form.set("subject_token", subjectToken);
		form.set("subject_token_type", TokenResponses.ACCESS_TOKEN_TYPE);
		form.set("requested_token_type", TokenResponses.ACCESS_TOKEN_TYPE);
		if (request.audience() != null) {
			form.set("audience", request.audience());
		}
		if (request.resource() != null) {
			form.set("resource", request.resource());
		}
		if (!request.scopes().isEmpty()) {
			form.set("scope", request.scopeParameter());
		}
		actor.ifPresent((a) -> {
			form.set("actor_token", a.token());
			form.set("actor_token_type", a.type());
		});
		return form;
	}

	/**
	 * The cached token is served until the earlier of the subject token's and the issued token's expiry, less the
	 * refresh margin, counted from when the request was sent (the conservative end).
	 */
	private static Instant freshUntil(StsProfile settings, CallerIdentity caller, IssuedToken issued, Instant sentAt) {
		Instant until = (issued.expiresIn() != null) ? sentAt.plus(issued.expiresIn()) : jwtExpiry(issued, sentAt);
		if (caller.expiresAt() != null && caller.expiresAt().isBefore(until)) {
			until = caller.expiresAt();
		}
		return until.minus(settings.refreshMargin());
	}

	/** Without {@code expires_in}, a JWT's own {@code exp} bounds caching; an opaque token is not cached. */
	private static Instant jwtExpiry(IssuedToken issued, Instant fallback) {
		try {
			Date exp = JWTParser.parse(issued.accessToken()).getJWTClaimsSet().getExpirationTime();
			return (exp != null) ? exp.toInstant() : fallback;
		}
		catch (ParseException ex) {
			return fallback;
		}
	}

}

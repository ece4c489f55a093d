package dev.tollgate.filters.upstream.exchange;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import reactor.core.publisher.Mono;

import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import dev.tollgate.filters.core.CallerFault;
import dev.tollgate.filters.core.DependencyFailure;

/**
 * The gateway's own {@code actor_token} for one profile (RFC 8693 §2.1, §4.1): nothing, a fresh client assertion,
 * or a client-credentials access token shared by all exchanges and refreshed shortly before it expires.
 */
final class ActorTokens {

	/** An actor token and its RFC 8693 §3 type identifier. */
	record Actor(String token, String type) {

		@Override
		public String toString() {
			return "Actor[" + this.type + ", token=<redacted>]";
		}

	}

	private final StsProfile profile;

	private final StsClient client;

	private final Clock clock;

	private final TokenCache<String> cache;

	ActorTokens(StsProfile profile, StsClient client, Clock clock) {
		this.profile = profile;
		this.client = client;
		this.clock = clock;
		this.cache = (profile.actorToken() == ActorTokenMode.CLIENT_CREDENTIALS) ? new TokenCache<>(1, clock) : null;
	}

	/** The actor token to send, or empty when the profile sends none. */
	Mono<Optional<Actor>> current() {
		return switch (this.profile.actorToken()) {
			case NONE -> Mono.just(Optional.empty());
			case CLIENT_ASSERTION -> Mono.fromSupplier(() -> Optional
				.of(new Actor(this.profile.assertionSigner().sign(), TokenResponses.JWT_TOKEN_TYPE)));
			case CLIENT_CREDENTIALS -> Mono
				.fromFuture(this.cache.get(this.profile.name(), () -> fetch().toFuture()).result(), true)
				.map((outcome) -> Optional
					.of(new Actor(((TokenCache.Issued) outcome).token(), TokenResponses.ACCESS_TOKEN_TYPE)));
		};
	}

	private Mono<TokenCache.Outcome> fetch() {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.set("grant_type", "client_credentials");
		if (!this.profile.actorScopes().isEmpty()) {
			form.set("scope", String.join(" ", this.profile.actorScopes()));
		}
		Instant sentAt = this.clock.instant();
		return this.client.call(this.profile, form, StsClient.Grant.CLIENT_CREDENTIALS)
			// The gateway's own grant being refused is a setup problem, never the caller's: 503, not 403.
			.onErrorMap(CallerFault.class,
					(fault) -> new DependencyFailure("sts", "actor_token_refused", this.profile.retryAfter()))
			.map((issued) -> {
				// Without expires_in there is no safe lifetime to cache: use the token for this exchange only.
				Instant until = (issued.expiresIn() != null)
						? sentAt.plus(issued.expiresIn()).minus(this.profile.refreshMargin()) : sentAt;
				return new TokenCache.Issued(issued.accessToken(), until);
			});
	}

}

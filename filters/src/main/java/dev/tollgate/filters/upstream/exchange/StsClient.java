package dev.tollgate.filters.upstream.exchange;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;

import dev.tollgate.filters.core.CallerFault;
import dev.tollgate.filters.core.DependencyFailure;
import dev.tollgate.filters.core.Rejection;

/**
 * Posts one form to an STS token endpoint, non-blocking, within the profile's time budget, and turns every answer
 * into either an {@link IssuedToken}, a {@link CallerFault} (the STS refused this caller: 403) or a
 * {@link DependencyFailure} (the STS is down, slow, misconfigured or answered nonsense: 503).
 */
final class StsClient {

	/** Refusals about the subject or the target (RFC 6749 §5.2, RFC 8693 §2.2.2): the caller's business, 403. */
	static final Set<String> REFUSALS = Set.of("invalid_target", "invalid_scope", "access_denied", "invalid_grant",
			"unauthorized_client");

	/** Errors that mean the gateway's own STS setup is wrong: the caller cannot fix them, so 503. */
	private static final Set<String> SETUP_ERRORS = Set.of("invalid_client", "invalid_request",
			"unsupported_grant_type");

	/** Which grant a call uses; a metric tag. */
	enum Grant {

		TOKEN_EXCHANGE("token_exchange"), CLIENT_CREDENTIALS("client_credentials");

		final String tag;

		Grant(String tag) {
			this.tag = tag;
		}

	}

	private final WebClient webClient;

	private final ExchangeMetrics metrics;

	StsClient(WebClient webClient, ExchangeMetrics metrics) {
		this.webClient = webClient;
		this.metrics = metrics;
	}

	Mono<IssuedToken> call(StsProfile profile, MultiValueMap<String, String> form, Grant grant) {
		return Mono.defer(() -> {
			long start = System.nanoTime();
			HttpHeaders auth = new HttpHeaders();
			profile.authentication().apply(auth, form);
			return this.webClient.post()
				.uri(profile.tokenUri())
				.headers((h) -> h.addAll(auth))
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.accept(MediaType.APPLICATION_JSON)
				.body(BodyInserters.fromFormData(form))
				.exchangeToMono((response) -> read(profile, response, grant))
				.timeout(profile.timeout())
				.onErrorMap((ex) -> !(ex instanceof Rejection), (ex) -> transportFailure(profile, ex))
				.doOnSuccess((token) -> this.metrics.stsCall(profile.name(), grant.tag, "success", start))
				.doOnError((ex) -> this.metrics.stsCall(profile.name(), grant.tag,
						(ex instanceof CallerFault) ? "refused" : "failed", start));
		});
	}

	private Mono<IssuedToken> read(StsProfile profile, ClientResponse response, Grant grant) {
		HttpStatusCode status = response.statusCode();
		String retryAfter = response.headers().asHttpHeaders().getFirst(HttpHeaders.RETRY_AFTER);
		return response.bodyToMono(byte[].class).defaultIfEmpty(new byte[0]).flatMap((body) -> {
			if (status.is2xxSuccessful()) {
				IssuedToken token = TokenResponses.parseSuccess(body, grant == Grant.TOKEN_EXCHANGE);
				return (token != null) ? Mono.just(token)
						: Mono.error(unavailable(profile, "sts_malformed_response", null));
			}
			if (status.value() == 400 || status.value() == 401 || status.value() == 403) {
				return Mono.error(refusal(profile, TokenResponses.errorCode(body)));
			}
			if (status.value() == 429) {
				return Mono.error(unavailable(profile, "sts_throttled", retryAfter));
			}
			if (status.is5xxServerError()) {
				return Mono.error(unavailable(profile, "sts_server_error", retryAfter));
			}
			return Mono.error(unavailable(profile, "sts_unexpected_status", null));
		});
	}

	private static Rejection refusal(StsProfile profile, String code) {
		if (code != null && REFUSALS.contains(code)) {
			return CallerFault.forbidden("sts_" + code,
					"The token service refused a token for this route's upstream (" + code + ").");
		}
		String reason = (code != null && SETUP_ERRORS.contains(code)) ? "sts_" + code : "sts_rejected";
		return unavailable(profile, reason, null);
	}

	private static DependencyFailure transportFailure(StsProfile profile, Throwable ex) {
		if (ex instanceof TimeoutException) {
			return unavailable(profile, "sts_timeout", null);
		}
		if (ex instanceof WebClientRequestException) {
			return unavailable(profile, "sts_unreachable", null);
		}
		// Oversized or undecodable bodies and anything else unexpected: never a token, never a 500.
		return unavailable(profile, "sts_malformed_response", null);
	}

	static DependencyFailure unavailable(StsProfile profile, String reason, String stsRetryAfter) {
		Duration retryAfter = profile.retryAfter();
		// Honour a short numeric Retry-After from the STS (RFC 9110 §10.2.3); ignore dates and silly values.
		if (stsRetryAfter != null && stsRetryAfter.matches("\\d{1,4}")) {
			long seconds = Long.parseLong(stsRetryAfter);
			if (seconds > 0 && seconds <= 300) {
				retryAfter = Duration.ofSeconds(seconds);
			}
		}
		return new DependencyFailure("sts", reason, retryAfter);
	}

}

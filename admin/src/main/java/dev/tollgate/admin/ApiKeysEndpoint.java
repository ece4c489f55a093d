package dev.tollgate.admin;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.util.MimeType;

import dev.tollgate.apikeys.lifecycle.IssueRequest;
import dev.tollgate.apikeys.lifecycle.KeyLabels;
import dev.tollgate.apikeys.lifecycle.KeyStateException;
import dev.tollgate.apikeys.phase.Durations;
import dev.tollgate.apikeys.phase.Phase;
import dev.tollgate.apikeys.report.ReportRenderer;
import dev.tollgate.apikeys.store.KeyConflictException;

/**
 * {@code /actuator/apikeys}: list, show, issue, rotate, revoke, expire, set phases, import and report. Exists only
 * when an admin token is configured, and {@link ManagementSecurityAutoConfiguration} lets only holders of that token
 * reach it. Every operation, reads included, is written to the audit log ({@link AdminAudit}).
 * <ul>
 * <li>{@code GET /actuator/apikeys}: every key (never a key or its hash);</li>
 * <li>{@code GET /actuator/apikeys/{keyId}}: one key with its calls per day and route;</li>
 * <li>{@code GET /actuator/apikeys/report/{table|csv|json}?days=30}: the migration report;</li>
 * <li>{@code POST /actuator/apikeys} {@code {"action":"issue","clientId":..,"scopes":"a b","routes":"..",
 * "validity":"90d","phase":"warn","owner":"..","notes":"..","labels":"team=payments,tier=read-only"}} or {@code {"action":"import","content":"<CSV or JSON>"}};</li>
 * <li>{@code POST /actuator/apikeys/{keyId}/{rotate|revoke|expire|phase}} with {@code overlap},
 * {@code phase}, {@code sunset} as needed.</li>
 * </ul>
 */
@WebEndpoint(id = "apikeys")
public class ApiKeysEndpoint {

	private static final MimeType TEXT = MimeType.valueOf("text/plain;charset=UTF-8");

	private static final MimeType CSV = MimeType.valueOf("text/csv;charset=UTF-8");

	private final ApiKeyAdmin admin;

	private final AdminAudit audit;

	private final Clock clock;

	private final int reportDays;

	public ApiKeysEndpoint(ApiKeyAdmin admin, AdminAudit audit, Clock clock, int reportDays) {
		this.admin = admin;
		this.audit = audit;
		this.clock = clock;
		this.reportDays = reportDays;
	}

	@ReadOperation
	public Mono<WebEndpointResponse<Object>> list() {
		return respond("list", null, null, this.admin::list, keys -> Map.of("keys", keys),
				WebEndpointResponse.STATUS_OK);
	}

	@ReadOperation
	public Mono<WebEndpointResponse<Object>> show(@Selector String keyId) {
		return respond("show", keyId, null, () -> this.admin.show(keyId, this.reportDays), view -> view,
				WebEndpointResponse.STATUS_OK);
	}

	@ReadOperation
	public Mono<WebEndpointResponse<Object>> report(@Selector String report, @Selector String format,
			@Nullable Integer days) {
		if (!"report".equals(report)) {
			return audited("report", null, null,
					Mono.just(new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND)));
		}
		return audited("report", null, null, Mono.fromCallable(() -> ReportRenderer.Format.parse(format))
			.flatMap(f -> Mono.fromCompletionStage(this.admin.report(f, (days != null) ? days : this.reportDays))
				.map(body -> new WebEndpointResponse<Object>(body, WebEndpointResponse.STATUS_OK,
						(f == ReportRenderer.Format.CSV) ? CSV : (f == ReportRenderer.Format.TABLE) ? TEXT
								: MimeType.valueOf("application/json"))))
			.onErrorResume(ex -> Mono.just(failure(ex))));
	}

	@WriteOperation
	public Mono<WebEndpointResponse<Object>> create(String action, @Nullable String clientId, @Nullable String owner,
			@Nullable String scopes, @Nullable String routes, @Nullable String validity, @Nullable String phase,
			@Nullable String notes, @Nullable String labels, @Nullable String content) {
		return switch (action) {
			case "issue" -> respond("issue", null, clientId,
					() -> this.admin.issue(IssueRequest.forClient(require(clientId, "clientId"))
						.owner(owner)
						.scopes(words(scopes))
						.routes(words(routes))
						.validity((validity != null) ? Durations.parse(validity) : null)
						.phase((phase != null) ? Phase.parse(phase) : Phase.ALLOW)
						.notes(notes)
						.labels(KeyLabels.parse(labels))),
					issued -> ApiKeyAdmin.issued(issued, now()), 201);
			case "import" -> respond("import", null, null, () -> this.admin.importKeys(require(content, "content")),
					result -> Map.of("imported", result.imported(), "skipped", result.skipped()),
					WebEndpointResponse.STATUS_OK);
			default -> audited(action, null, clientId, Mono.just(badRequest("action must be issue or import")));
		};
	}

	@WriteOperation
	public Mono<WebEndpointResponse<Object>> change(@Selector String keyId, @Selector String action,
			@Nullable String overlap, @Nullable String phase, @Nullable String sunset) {
		return switch (action) {
			case "rotate" -> respond("rotate", keyId, null,
					() -> this.admin.rotate(keyId, (overlap != null) ? Durations.parse(overlap) : null),
					issued -> ApiKeyAdmin.issued(issued, now()), 201);
			case "revoke" -> respond("revoke", keyId, null, () -> this.admin.revoke(keyId),
					r -> ApiKeyAdmin.view(r, now()), WebEndpointResponse.STATUS_OK);
			case "expire" -> respond("expire", keyId, null, () -> this.admin.expire(keyId),
					r -> ApiKeyAdmin.view(r, now()), WebEndpointResponse.STATUS_OK);
			case "phase" -> respond("phase", keyId, null,
					() -> this.admin.phase(keyId, Phase.parse(require(phase, "phase")),
							(sunset != null && !sunset.isBlank()) ? Instant.parse(sunset) : null),
					r -> ApiKeyAdmin.view(r, now()), WebEndpointResponse.STATUS_OK);
			default -> audited(action, keyId, null,
					Mono.just(badRequest("action must be rotate, revoke, expire or phase")));
		};
	}

	/** Runs one operation, answers with its result or its failure, and audits both. */
	private <T> Mono<WebEndpointResponse<Object>> respond(String action, String keyId, String clientId,
			Supplier<CompletionStage<T>> operation, Function<T, Object> body, int status) {
		return Mono.deferContextual(context -> Mono.defer(() -> Mono.fromCompletionStage(operation.get()))
			.map(result -> {
				this.audit.action(AdminRequest.from(context), action, keyId, clientId, result, status);
				return new WebEndpointResponse<>(body.apply(result), status);
			})
			.onErrorResume(ex -> {
				WebEndpointResponse<Object> response = failure(ex);
				this.audit.action(AdminRequest.from(context), action, keyId, clientId, null, response.getStatus());
				return Mono.just(response);
			}));
	}

	/** Audits an answer that carries no key or record (reports, refusals of the request itself). */
	private Mono<WebEndpointResponse<Object>> audited(String action, String keyId, String clientId,
			Mono<WebEndpointResponse<Object>> response) {
		return Mono.deferContextual(context -> response.doOnNext(r -> this.audit.action(AdminRequest.from(context),
				action, keyId, clientId, null, r.getStatus())));
	}

	private static WebEndpointResponse<Object> failure(Throwable ex) {
		Throwable cause = (ex instanceof CompletionException && ex.getCause() != null) ? ex.getCause() : ex;
		if (cause instanceof KeyStateException) {
			int status = cause.getMessage().startsWith("no key") ? WebEndpointResponse.STATUS_NOT_FOUND : 409;
			return new WebEndpointResponse<>(Map.of("error", cause.getMessage()), status);
		}
		if (cause instanceof KeyConflictException) {
			return new WebEndpointResponse<>(Map.of("error", cause.getMessage()), 409);
		}
		if (cause instanceof IllegalArgumentException || cause instanceof java.time.format.DateTimeParseException) {
			return badRequest(cause.getMessage());
		}
		return new WebEndpointResponse<>(Map.of("error", "the key store is unavailable"),
				WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE);
	}

	private static WebEndpointResponse<Object> badRequest(String message) {
		return new WebEndpointResponse<>(Map.of("error", message), WebEndpointResponse.STATUS_BAD_REQUEST);
	}

	private static String require(String value, String name) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(name + " is required");
		}
		return value;
	}

	private static Set<String> words(String value) {
		return (value == null || value.isBlank()) ? Set.of()
				: new LinkedHashSet<>(Arrays.asList(value.trim().split("[\\s,]+")));
	}

	private Instant now() {
		return this.clock.instant();
	}

}

package dev.tollgate.filters.authn;

import java.net.InetAddress;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.web.server.ServerWebExchange;

import dev.tollgate.filters.core.Answer;
import dev.tollgate.filters.core.CallerFault;
import dev.tollgate.filters.core.CallerIdentity;
import dev.tollgate.filters.core.Pass;
import dev.tollgate.filters.core.RateLimited;
import dev.tollgate.filters.core.Stage;
import dev.tollgate.filters.edge.ClientAddress;
import dev.tollgate.filters.edge.FailedAuthLimiter;
import dev.tollgate.filters.observe.DecisionRecorder;

/**
 * Stage 2: authenticates the request's one credential into a {@link CallerIdentity} and marks the credential for
 * removal, so it can never reach the upstream. Decides now when the verified-token or key cache answers.
 * <p>
 * With a {@link FailedAuthLimiter}, each refused credential (401 {@code invalid_token}) counts against the client
 * address; an address over its limit is refused with 429 (stage {@code edge}, reason {@code failed_auth_limited})
 * before its credential is looked at. The one exception: a bearer token whose verification is still cached passes,
 * so a good client sharing a NAT address with an attacker keeps working once it has authenticated.
 */
public final class AuthenticateStage implements Stage {

	static final String STAGE = "authenticate";

	/** Stage of decisions taken at the edge, before the credential is looked at. */
	static final String EDGE_STAGE = "edge";

	private static final Logger log = LoggerFactory.getLogger(AuthenticateGatewayFilterFactory.class);

	private final Authenticator authenticator;

	private final DecisionRecorder recorder;

	private final ClientAddress clientAddress;

	private final FailedAuthLimiter failedAuth;

	private final String apiKeyHeader;

	/** @param failedAuth the failed-authentication limit, or {@code null} for none */
	AuthenticateStage(Authenticator authenticator, DecisionRecorder recorder, ClientAddress clientAddress,
			FailedAuthLimiter failedAuth) {
		this.authenticator = authenticator;
		this.recorder = recorder;
		this.clientAddress = clientAddress;
		this.failedAuth = (clientAddress != null) ? failedAuth : null;
		this.apiKeyHeader = authenticator.extractor().apiKeyHeader();
	}

	@Override
	public String name() {
		return STAGE;
	}

	@Override
	public Answer<?> apply(Pass pass) {
		ServerWebExchange exchange = pass.exchange();
		InetAddress client = null;
		if (this.failedAuth != null) {
			client = this.clientAddress.of(exchange);
			RateLimited blocked = this.failedAuth.check(client);
			if (blocked != null && !this.authenticator.carriesRecentlyVerifiedToken(exchange)) {
				return Answer.refused(blocked, EDGE_STAGE);
			}
		}
		Answer<Authenticator.Result> answer;
		try {
			answer = this.authenticator.answer(exchange, pass.route());
		}
		catch (CallerFault fault) {
			failed(pass, client, fault);
			throw fault;
		}
		if (answer.isReady()) {
			accept(pass, answer.value());
			return answer;
		}
		InetAddress address = client;
		Mono<Authenticator.Result> later = answer.later();
		if (this.failedAuth != null) {
			later = later.doOnError(CallerFault.class, (fault) -> failed(pass, address, fault));
		}
		return Answer.later(later.doOnNext((result) -> accept(pass, result)));
	}

	private void accept(Pass pass, Authenticator.Result result) {
		pass.authenticated(result.caller(), result.credential(), this.apiKeyHeader);
		this.recorder.record(pass.exchange(), pass.routeId(), STAGE, "allowed", result.caller().kind().tag());
		pass.responseHeadersBeforeCommit(result.responseHeaders());
	}

	private void failed(Pass pass, InetAddress client, CallerFault fault) {
		if (this.failedAuth != null && fault.error() == CallerFault.BearerError.INVALID_TOKEN
				&& this.failedAuth.recordFailure(client)) {
			// Once per address and window: the address (not a secret, and never a metric tag) for operators.
			log.atInfo()
				.addKeyValue("correlation_id", DecisionRecorder.correlationId(pass.exchange()))
				.addKeyValue("client_address", client.getHostAddress())
				.addKeyValue("limit", this.failedAuth.limit())
				.log("client address reached the failed-authentication limit");
		}
	}

}

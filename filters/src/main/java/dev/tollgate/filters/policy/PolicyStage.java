package dev.tollgate.filters.policy;

import java.time.Clock;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tollgate.filters.core.Answer;
import dev.tollgate.filters.core.CallerFault;
import dev.tollgate.filters.core.CallerIdentity;
import dev.tollgate.filters.core.Pass;
import dev.tollgate.filters.core.PolicyOutcome;
import dev.tollgate.filters.core.Stage;
import dev.tollgate.filters.observe.DecisionRecorder;
import dev.tollgate.logs.LogText;

/**
 * The route's CEL policy, after authorize (audience, scopes) and before the rate limit. Always decides now: a
 * policy reads only what the request and the authenticated caller already hold. {@code true} allows;
 * {@code false} or a failed evaluation denies with 403 {@code policy_denied} in enforce mode, and in shadow mode is
 * counted and logged as a would-be denial while the request goes on.
 */
final class PolicyStage implements Stage {

	static final String STAGE = "policy";

	private static final Logger log = LoggerFactory.getLogger("tollgate.policy");

	private final CompiledPolicy policy;

	private final Map<String, String> labels;

	private final Map<String, Object> env;

	private final String apiKeyHeader;

	private final Clock clock;

	private final PolicyMetrics metrics;

	private final DecisionRecorder recorder;

	PolicyStage(CompiledPolicy policy, Map<String, String> labels, Map<String, Object> env, String apiKeyHeader,
			Clock clock, PolicyMetrics metrics, DecisionRecorder recorder) {
		this.policy = policy;
		this.labels = Map.copyOf(labels);
		this.env = env;
		this.apiKeyHeader = apiKeyHeader.toLowerCase(java.util.Locale.ROOT);
		this.clock = clock;
		this.metrics = metrics;
		this.recorder = recorder;
	}

	@Override
	public String name() {
		return STAGE;
	}

	@Override
	public Answer<?> apply(Pass pass) {
		CallerIdentity caller = pass.caller();
		if (caller == null) {
			// Misconfiguration (a policy without authentication before it): refuse rather than allow.
			throw CallerFault.missingCredential();
		}
		PolicyVerdict verdict = this.policy.evaluate(new PolicyContext(pass.exchange(), caller, pass.routeId(),
				this.labels, this.clock.instant(), this.env, this.apiKeyHeader, this.policy.claims()));
		this.metrics.count(this.policy, verdict);
		pass.exchange()
			.getAttributes()
			.put(PolicyOutcome.ATTRIBUTE, new PolicyOutcome(this.policy.name(), this.policy.mode().tag(),
					verdict.result(), verdict.cause()));
		if (verdict.allowed()) {
			this.recorder.record(pass.exchange(), pass.routeId(), STAGE, "allowed", "policy_allowed");
			return Answer.passed();
		}
		logDenial(pass, caller, verdict);
		if (this.policy.mode() == PolicyMode.SHADOW) {
			this.recorder.record(pass.exchange(), pass.routeId(), STAGE, "allowed", "shadow_would_deny");
			return Answer.passed();
		}
		throw CallerFault.policyDenied(this.policy.name());
	}

	private void logDenial(Pass pass, CallerIdentity caller, PolicyVerdict verdict) {
		if (!log.isInfoEnabled()) {
			return;
		}
		log.atInfo()
			.addKeyValue("correlation_id", DecisionRecorder.correlationId(pass.exchange()))
			.addKeyValue("route", pass.routeId())
			.addKeyValue("policy", this.policy.name())
			.addKeyValue("mode", this.policy.mode().tag())
			.addKeyValue("result", verdict.result())
			.addKeyValue("cause", verdict.cause())
			.addKeyValue("detail", (verdict.detail() != null) ? LogText.escape(verdict.detail()) : "-")
			.addKeyValue("client_id", LogText.escape(caller.clientId()))
			.log((this.policy.mode() == PolicyMode.SHADOW) ? "policy would deny" : "policy denied");
	}

	@Override
	public String toString() {
		return "Policy[" + this.policy.name() + ", " + this.policy.mode().tag() + "]";
	}

}

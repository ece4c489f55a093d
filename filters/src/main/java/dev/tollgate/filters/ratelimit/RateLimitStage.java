package dev.tollgate.filters.ratelimit;

import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;

import dev.tollgate.filters.core.Answer;
import dev.tollgate.filters.core.CallerFault;
import dev.tollgate.filters.core.CallerIdentity;
import dev.tollgate.filters.core.DependencyFailure;
import dev.tollgate.filters.core.Pass;
import dev.tollgate.filters.core.RateLimited;
import dev.tollgate.filters.core.Stage;
import dev.tollgate.filters.observe.DecisionRecorder;
import dev.tollgate.filters.ratelimit.store.BucketSpec;

/**
 * Stage 4: the caller's client spends {@code cost} from its bucket on this route. Allowed responses carry
 * {@code RateLimit-Policy} and {@code RateLimit}; a spent budget is a 429 with {@code Retry-After}. Decides now on a
 * lease or a remembered refusal. A request without a caller identity (no authenticate stage before: a route
 * misconfiguration) consumes nothing and is answered 401.
 */
final class RateLimitStage implements Stage {

	private static final Logger log = LoggerFactory.getLogger(ClientRateLimitGatewayFilterFactory.class);

	private final ClientRateLimiter limiter;

	private final DecisionRecorder recorder;

	private final BucketSpec spec;

	private final long cost;

	private final Set<String> routesWarnedWithoutIdentity;

	RateLimitStage(ClientRateLimiter limiter, DecisionRecorder recorder, BucketSpec spec, long cost,
			Set<String> routesWarnedWithoutIdentity) {
		this.limiter = limiter;
		this.recorder = recorder;
		this.spec = spec;
		this.cost = cost;
		this.routesWarnedWithoutIdentity = routesWarnedWithoutIdentity;
	}

	@Override
	public String name() {
		return ClientRateLimitGatewayFilterFactory.STAGE;
	}

	BucketSpec spec() {
		return this.spec;
	}

	long cost() {
		return this.cost;
	}

	@Override
	public Answer<?> apply(Pass pass) {
		CallerIdentity caller = pass.caller();
		if (caller == null) {
			if (this.routesWarnedWithoutIdentity.add(pass.routeId())) {
				log.atError()
					.addKeyValue("route", pass.routeId())
					.log("ClientRateLimit ran without a caller identity: put an authentication filter before it; "
							+ "answering 401 without consuming any budget");
			}
			throw CallerFault.missingCredential();
		}
		Answer<Verdict> verdict = this.limiter.decide(pass.routeId(), this.spec, this.cost, caller);
		if (verdict.isReady()) {
			return onVerdict(pass, verdict.value());
		}
		return Answer.later(verdict.later().map((decided) -> {
			Answer<?> answer = onVerdict(pass, decided);
			if (answer.isRefused()) {
				throw answer.refusal();
			}
			return decided;
		}));
	}

	private Answer<?> onVerdict(Pass pass, Verdict verdict) {
		switch (verdict.outcome()) {
			case ALLOWED -> {
				HttpHeaders headers = pass.exchange().getResponse().getHeaders();
				verdict.headers().forEach(headers::set);
				if (verdict.isFallback()) {
					this.recorder.record(pass.exchange(), pass.routeId(), name(), "fallback",
							"store_" + verdict.fallbackReason() + "_" + verdict.fallback().tag());
				}
				else {
					this.recorder.record(pass.exchange(), pass.routeId(), name(), "allowed", "within_limit");
				}
				return Answer.passed();
			}
			case LIMITED -> {
				return Answer.refused(new RateLimited(verdict.headers()), null);
			}
			default -> {
				pass.exchange().getResponse().getHeaders().set(RateLimitHeaders.POLICY,
						RateLimitHeaders.policy(verdict.spec()));
				return Answer.refused(new DependencyFailure("redis", "store_" + verdict.fallbackReason(),
						this.limiter.unavailableRetryAfter()), null);
			}
		}
	}

}

package dev.tollgate.filters.policy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import dev.tollgate.filters.core.CallerIdentity;
import dev.tollgate.filters.core.CredentialKind;
import dev.tollgate.filters.core.InboundCredential;
import dev.tollgate.filters.core.Pass;
import dev.tollgate.filters.core.RoutePolicy;
import dev.tollgate.filters.core.RouteSecurity;
import dev.tollgate.filters.core.Stage;
import dev.tollgate.filters.observe.DecisionRecorder;

/** Builds policy stages and requests for tests: a real exchange, a fixed clock, a simple meter registry. */
final class PolicyFixture {

	static final RouteSecurity ROUTE = new RouteSecurity("orders", "https://gw.example.com/orders",
			List.of("orders:read"), Set.of(RouteSecurity.Credential.BEARER, RouteSecurity.Credential.API_KEY),
			Set.of(), "/orders");

	final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	final PolicyStages stages;

	PolicyFixture(PolicyProperties properties, Instant now) {
		this.stages = new PolicyStages(properties, "X-API-Key", Clock.fixed(now, ZoneOffset.UTC),
				new PolicyMetrics(this.registry), new DecisionRecorder(this.registry));
	}

	PolicyFixture(Map<String, PolicyProperties.SharedPolicy> policies, PolicyProperties.Settings settings,
			Instant now) {
		this(new PolicyProperties(policies, settings), now);
	}

	Stage stage(String policy, String mode, Map<String, String> labels) {
		return this.stages.stage("orders", new RoutePolicy.Authorization(policy, mode, labels));
	}

	static CallerIdentity bearer(String clientId, Map<String, Object> claims) {
		return new CallerIdentity(clientId, "user-1", Set.of("orders:read"), CredentialKind.JWT, "corp", null, null,
				claims);
	}

	static CallerIdentity apiKey(String clientId, String keyId, Set<String> scopes) {
		return new CallerIdentity(clientId, clientId, scopes, CredentialKind.API_KEY, null, null, keyId);
	}

	/** A request on the orders route, its path variables as the Path predicate would leave them. */
	static Pass pass(CallerIdentity caller, MockServerHttpRequest request, Map<String, String> pathVariables) {
		MockServerWebExchange exchange = MockServerWebExchange.from(request);
		ServerWebExchangeUtils.putUriTemplateVariables(exchange, pathVariables);
		Pass pass = new Pass(exchange, ROUTE, "orders");
		if (caller != null) {
			pass.authenticated(caller, new InboundCredential(caller.kind(), "credential-value"), "X-API-Key");
		}
		return pass;
	}

	double count(String policy, String mode, String result) {
		var counter = this.registry.find("tollgate.policy.evaluations")
			.tag("policy", policy)
			.tag("mode", mode)
			.tag("result", result)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

}

package dev.tollgate.perf.policy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import dev.cel.runtime.CelVariableResolver;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import dev.tollgate.filters.core.Answer;
import dev.tollgate.filters.core.CallerIdentity;
import dev.tollgate.filters.core.CredentialKind;
import dev.tollgate.filters.core.InboundCredential;
import dev.tollgate.filters.core.Pass;
import dev.tollgate.filters.core.RoutePolicy;
import dev.tollgate.filters.core.RouteSecurity;
import dev.tollgate.filters.core.Stage;
import dev.tollgate.filters.observe.DecisionRecorder;
import dev.tollgate.filters.policy.CompiledPolicy;
import dev.tollgate.filters.policy.PolicyCompiler;
import dev.tollgate.filters.policy.PolicyMetrics;
import dev.tollgate.filters.policy.PolicyMode;
import dev.tollgate.filters.policy.PolicyVerdict;
import dev.tollgate.filters.policy.PolicyProperties;
import dev.tollgate.filters.policy.PolicyStages;

/**
 * A typical route policy's warm evaluation through the policy stage, as a request pays for it: the evaluation
 * context built from the exchange, the CEL program run, the metric counted and the outcome left for the audit
 * event. The policy: tenant isolation (claim equals path variable), a scope, and a region allowlist from
 * {@code env}. Target: at most 5 µs per request.
 *
 * <p>
 * Run: {@code perf/run-jmh.sh -f 1 -wi 3 -i 5 'dev.tollgate.perf.policy.*'}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PolicyEvaluationBenchmark {

	static final String TYPICAL = "caller.claims.tenant == request.path_vars.tenant "
			+ "&& 'orders:read' in caller.scopes && caller.claims.region in env.regions";

	private Stage typical;

	private Stage trivial;

	private Pass pass;

	private CompiledPolicy compiled;

	private CelVariableResolver prepared;

	@Setup(Level.Trial)
	public void setUp() {
		PolicyProperties properties = new PolicyProperties(
				Map.of("typical", new PolicyProperties.SharedPolicy(TYPICAL, "enforce", null)),
				new PolicyProperties.Settings(Map.of(), Map.of("regions", List.of("eu-west-1", "eu-central-1")),
						Map.of(), 1000, 4096, 500));
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		PolicyStages stages = new PolicyStages(properties, "X-API-Key",
				Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC), new PolicyMetrics(registry),
				new DecisionRecorder(registry));
		this.typical = stages.stage("orders", new RoutePolicy.Authorization("typical", null, Map.of()));
		this.trivial = stages.stage("orders", new RoutePolicy.Authorization("caller.kind == 'jwt'", null, Map.of()));
		MockServerWebExchange exchange = MockServerWebExchange
			.from(MockServerHttpRequest.get("/tenants/acme/orders/42").header("Accept", "application/json").build());
		ServerWebExchangeUtils.putUriTemplateVariables(exchange, Map.of("tenant", "acme"));
		RouteSecurity route = new RouteSecurity("orders", "https://gw.example.com/orders", List.of("orders:read"),
				Set.of(RouteSecurity.Credential.BEARER), Set.of(), "/tenants");
		this.pass = new Pass(exchange, route, "orders");
		this.pass.authenticated(new CallerIdentity("agent-7", "user-1", Set.of("orders:read", "orders:write"),
				CredentialKind.JWT, "corp", null, null, Map.of("tenant", "acme", "region", "eu-west-1", "sub", "user-1",
						"iss", "https://idp.example.com", "exp", 1_800_000_000L)),
				new InboundCredential(CredentialKind.JWT, "token"), "X-API-Key");
		PolicyCompiler compiler = new PolicyCompiler(properties.policy());
		this.compiled = compiler.compile("typical", PolicyMode.ENFORCE, TYPICAL);
		Map<String, Object> vars = Map.of("caller.claims", Map.of("tenant", "acme", "region", "eu-west-1"),
				"request.path_vars", Map.of("tenant", "acme"), "caller.scopes", List.of("orders:read", "orders:write"),
				"env.regions", List.of("eu-west-1", "eu-central-1"));
		this.prepared = (name) -> Optional.ofNullable(vars.get(name));
		if (!this.typical.apply(this.pass).isReady()) {
			throw new IllegalStateException("the typical policy must allow the benchmark's request");
		}
	}

	/** Tenant isolation, a scope and a region allowlist: the warm path of a typical policy. */
	@Benchmark
	public Answer<?> typicalPolicy() {
		return this.typical.apply(this.pass);
	}

	/** The CEL program alone, on values prepared in advance: what the stage adds around it is the difference. */
	@Benchmark
	public PolicyVerdict typicalProgramOnly() {
		return this.compiled.evaluate(this.prepared);
	}

	/** The floor: one comparison on a field that needs no copying. */
	@Benchmark
	public Answer<?> trivialPolicy() {
		return this.trivial.apply(this.pass);
	}

}

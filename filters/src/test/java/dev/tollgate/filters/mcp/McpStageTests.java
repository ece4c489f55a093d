package dev.tollgate.filters.mcp;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import dev.tollgate.filters.core.CallerIdentity;
import dev.tollgate.filters.core.CredentialKind;
import dev.tollgate.filters.core.Pass;
import dev.tollgate.filters.core.Pipeline;
import dev.tollgate.filters.core.RoutePolicy;
import dev.tollgate.filters.core.TollgateAttributes;
import dev.tollgate.filters.errors.ErrorResponder;
import dev.tollgate.filters.mcp.session.InMemoryMcpSessionStore;
import dev.tollgate.filters.mcp.session.McpSessionStore;
import dev.tollgate.filters.mcp.session.RedisMcpSessionStore;
import dev.tollgate.filters.observe.DecisionRecorder;
import dev.tollgate.filters.ratelimit.store.RedisStores;
import dev.tollgate.redis.RedisConnector;
import dev.tollgate.testkit.RedisHarness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code mcp} stage on its own: how it is built, and the failures of its session store. */
class McpStageTests {

	static final CallerIdentity ALICE = new CallerIdentity("agent", "alice", Set.of(), CredentialKind.JWT, "lab",
			null, null);

	static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{}}";

	final AtomicInteger forwarded = new AtomicInteger();

	static McpStage stage(McpSessionStore sessions) {
		McpSettings settings = McpSettings.of(List.of(ToolRule.scopes("search_orders")), McpSettings.UnknownTools.DENY);
		return new McpStage("tools", settings, List.of(), Map.of(), Map.of(), sessions, new McpMetrics(new SimpleMeterRegistry()));
	}

	MockServerWebExchange run(McpStage stage, MockServerHttpRequest request, String issuedSession) {
		MockServerWebExchange exchange = MockServerWebExchange.from(request);
		exchange.getAttributes().put(TollgateAttributes.CALLER_IDENTITY, ALICE);
		Pipeline pipeline = new Pipeline(List.of(stage),
				new ErrorResponder(new DecisionRecorder(new SimpleMeterRegistry()), "tollgate", null));
		GatewayFilterChain upstream = (forwardedExchange) -> {
			this.forwarded.incrementAndGet();
			if (issuedSession != null) {
				forwardedExchange.getResponse().getHeaders().set(McpStage.SESSION_HEADER, issuedSession);
			}
			return forwardedExchange.getResponse().setComplete();
		};
		pipeline.run(new Pass(exchange, null, "tools"), upstream).block();
		return exchange;
	}

	static MockServerHttpRequest post(String session, String body) {
		MockServerHttpRequest.BodyBuilder request = MockServerHttpRequest.post("/mcp")
			.contentType(MediaType.APPLICATION_JSON);
		if (session != null) {
			request.header(McpStage.SESSION_HEADER, session);
		}
		return request.body(body);
	}

	@Test
	void stageWhenMcpRouteAuthenticatesNobodyThenRouteRefused() {
		McpSettings settings = McpSettings.of(List.of(), McpSettings.UnknownTools.DENY);
		McpStages stages = new McpStages(routeId -> settings, null, () -> null, new McpMetrics(new SimpleMeterRegistry()));

		assertThatThrownBy(() -> stages.stage(new RoutePolicy("tools", null, List.of(), false, null, null)))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("route 'tools': an MCP route needs credentials");
	}

	@Test
	void sessionWhenStoreDownThen503AndNotForwarded() {
		try (RedisHarness redis = RedisHarness.dedicated(); RedisConnector connector = RedisStores.client(redis.uri());
				RedisMcpSessionStore store = new RedisMcpSessionStore(connector)) {
			store.firstOpened().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
			redis.stop();

			MockServerWebExchange exchange = run(stage(store), post("s-1",
					"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}"), null);

			assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
			assertThat(this.forwarded).hasValue(0);
		}
	}

	@Test
	void initializeWhenBindingCannotBeStoredThenSessionIdWithheldFromTheClient() {
		InMemoryMcpSessionStore full = new InMemoryMcpSessionStore(Clock.systemUTC(), 0);

		MockServerWebExchange exchange = run(stage(full), post(null, INITIALIZE), "issued-1");

		assertThat(this.forwarded).hasValue(1);
		assertThat(exchange.getResponse().getHeaders().getFirst(McpStage.SESSION_HEADER)).isNull();
	}

	@Test
	void initializeWhenBoundThenSessionIdReachesTheClientAndItsOwnerMayUseIt() {
		InMemoryMcpSessionStore store = new InMemoryMcpSessionStore(Clock.systemUTC(), 10);

		MockServerWebExchange exchange = run(stage(store), post(null, INITIALIZE), "issued-2");
		assertThat(exchange.getResponse().getHeaders().getFirst(McpStage.SESSION_HEADER)).isEqualTo("issued-2");

		MockServerWebExchange next = run(stage(store), post("issued-2", "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"), null);
		assertThat(next.getResponse().getStatusCode()).isNotEqualTo(HttpStatus.NOT_FOUND);
		assertThat(this.forwarded).hasValue(2);
	}

	@Test
	void postWhenNoSessionBindingConfiguredThenSessionIdPassesUnchecked() {
		McpSettings unbound = new McpSettings(List.of(), McpSettings.UnknownTools.DENY, null, null, 0,
				new McpSettings.Sessions(false, null), null, false);
		McpStage stage = new McpStage("tools", unbound, List.of(), Map.of(), Map.of(), null,
				new McpMetrics(new SimpleMeterRegistry()));

		run(stage, post("anything", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}"), null);

		assertThat(this.forwarded).hasValue(1);
	}

}

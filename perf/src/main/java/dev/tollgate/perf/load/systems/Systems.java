package dev.tollgate.perf.load.systems;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tollgate.perf.load.baseline.BareGatewayApplication;
import dev.tollgate.perf.load.baseline.SpringBuiltinsGatewayApplication;
import dev.tollgate.perf.load.process.ManagedProcess;
import dev.tollgate.perf.load.systems.SystemSpec.Credentials;

/**
 * The systems the harness compares. Each is a configuration, written to a properties file in the work dir (so a
 * run can be reproduced by hand) and passed with {@code --spring.config.additional-location}.
 */
public final class Systems {

	private Systems() {
	}

	/** All systems, in the order they run. */
	public static List<SystemSpec> all(TollgateBuild tollgate) {
		return List.of(direct(), bare(), springBuiltins(), tollgateBearer(tollgate, 1), tollgateBearerStrict(tollgate),
				tollgateBearerAuditOff(tollgate), tollgatePassthrough(), tollgateApiKey(tollgate), tollgatePolicy(tollgate), tollgateDpop(tollgate), bareMcp(),
				tollgateMcp(tollgate), tollgateBearer(tollgate, 2));
	}

	static SystemSpec direct() {
		return new SystemSpec("direct", "no gateway: the load generator calls the upstream", Credentials.BEARER, 0,
				null, true);
	}

	static SystemSpec bare() {
		return new SystemSpec("bare", "Spring Cloud Gateway, one route, no filters (the bearer header passes through)",
				Credentials.BEARER, 1, (stage, name, port) -> {
					Map<String, Object> p = common(stage, port);
					route(p, stage);
					return baseline(stage, name, BareGatewayApplication.class.getName(), write(stage, name, p));
				}, true);
	}

	static SystemSpec springBuiltins() {
		return new SystemSpec("spring-builtins",
				"Spring Security oauth2ResourceServer (JWT, audience + scope) + RequestRateLimiter (RedisRateLimiter, "
						+ "principal) + TokenRelay (RFC 8693 exchange via oauth2-client, cached per principal)",
				Credentials.BEARER, 1, (stage, name, port) -> {
					Map<String, Object> p = common(stage, port);
					route(p, stage);
					String f = "spring.cloud.gateway.server.webflux.routes[0].filters";
					p.put(f + "[0].name", "RequestRateLimiter");
					p.put(f + "[0].args.redis-rate-limiter.replenishRate", 1_000_000);
					p.put(f + "[0].args.redis-rate-limiter.burstCapacity", 1_000_000);
					p.put(f + "[0].args.redis-rate-limiter.requestedTokens", 1);
					p.put(f + "[0].args.key-resolver", "#{@principalNameKeyResolver}");
					p.put(f + "[1]", "TokenRelay=" + SpringBuiltinsGatewayApplication.REGISTRATION);
					p.put("spring.data.redis.url", stage.redisUrl());
					p.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", stage.issuerUri());
					p.put("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", stage.jwksUri());
					p.put("spring.security.oauth2.resourceserver.jwt.audiences[0]", Stage.AUDIENCE);
					String reg = "spring.security.oauth2.client.registration." + SpringBuiltinsGatewayApplication.REGISTRATION;
					p.put(reg + ".provider", SpringBuiltinsGatewayApplication.REGISTRATION);
					p.put(reg + ".client-id", stage.gatewayClientId());
					p.put(reg + ".client-secret", stage.gatewayClientSecret());
					p.put(reg + ".client-authentication-method", "client_secret_basic");
					p.put(reg + ".authorization-grant-type", "urn:ietf:params:oauth:grant-type:token-exchange");
					p.put(reg + ".scope[0]", Stage.SCOPE);
					p.put("spring.security.oauth2.client.provider." + SpringBuiltinsGatewayApplication.REGISTRATION
							+ ".token-uri", stage.tokenUri());
					p.put(SpringBuiltinsGatewayApplication.REQUIRED_SCOPE_PROPERTY, Stage.SCOPE);
					return baseline(stage, name, SpringBuiltinsGatewayApplication.class.getName(),
							write(stage, name, p));
				}, false);
	}

	static SystemSpec tollgateBearer(TollgateBuild build, int instances) {
		String upstreamToken = build.exchange() ? "RFC 8693 exchange (warm cache)" : "minted token (exchange not built)";
		String rateLimit = build.rateLimit() ? "Redis rate limit" : "no rate limit (not built)";
		return new SystemSpec((instances == 1) ? "tollgate-bearer" : "tollgate-bearer-x" + instances,
				"Tollgate full chain on bearer JWTs: strip, validate, authorize, " + rateLimit + ", " + upstreamToken
						+ ((instances > 1) ? "; " + instances + " instances sharing Redis, load split" : ""),
				Credentials.BEARER, instances, (stage, name, port) -> {
					Map<String, Object> p = tollgateCommon(stage, port);
					p.put("tollgate.routes[0].credentials[0]", "bearer");
					exchange(p, stage);
					return tollgate(stage, name, write(stage, name, p));
				}, false);
	}

	/**
	 * The bearer chain with rate-limit leases off: every decision is a Redis round trip, as with Spring's
	 * {@code RedisRateLimiter}. Shows what leasing saves.
	 */
	static SystemSpec tollgateBearerStrict(TollgateBuild build) {
		SystemSpec leased = tollgateBearer(build, 1);
		return new SystemSpec("tollgate-bearer-strict",
				leased.description() + "; rate-limit leases off (one Redis call per request)", Credentials.BEARER, 1,
				(stage, name, port) -> {
					List<String> command = leased.launcher().command(stage, name, port);
					command.add("--tollgate.rate-limit.lease.enabled=false");
					return command;
				}, false);
	}

	/**
	 * The bearer chain without its per-request audit event ({@code logging.level.tollgate.audit=warn}): what writing
	 * one audit line per request costs, in the same round.
	 */
	static SystemSpec tollgateBearerAuditOff(TollgateBuild build) {
		SystemSpec audited = tollgateBearer(build, 1);
		return new SystemSpec("tollgate-bearer-audit-off", audited.description() + "; audit trail off",
				Credentials.BEARER, 1, (stage, name, port) -> {
					List<String> command = audited.launcher().command(stage, name, port);
					command.add("--logging.level.tollgate.audit=warn");
					return command;
				}, false);
	}

	/**
	 * The Tollgate gateway serving bare's route, a plain Spring Cloud Gateway route without the Tollgate filter: what
	 * the application costs around the stages (edge firewall, header hygiene, observation), in the same round.
	 */
	static SystemSpec tollgatePassthrough() {
		return new SystemSpec("tollgate-passthrough",
				"the Tollgate gateway, bare's route without the Tollgate filter (edge checks only; the bearer header "
						+ "passes through)",
				Credentials.BEARER, 1, (stage, name, port) -> {
					Map<String, Object> p = common(stage, port);
					p.put("tollgate.redis.url", stage.redisUrl());
					route(p, stage);
					// Public routes lose the caller's credentials; this one keeps them, as bare does.
					p.put("spring.cloud.gateway.server.webflux.routes[0].filters[0]", "ForwardCredentials");
					return tollgate(stage, name, write(stage, name, p));
				}, true);
	}

	static SystemSpec tollgateApiKey(TollgateBuild build) {
		String rateLimit = build.rateLimit() ? "Redis rate limit" : "no rate limit (not built)";
		return new SystemSpec("tollgate-apikey",
				"Tollgate full chain on API keys (route in phase warn): strip, key lookup (Redis store, local cache), "
						+ "authorize, " + rateLimit + ", minted token (cached per key and route)",
				Credentials.API_KEY, 1, (stage, name, port) -> {
					Map<String, Object> p = tollgateCommon(stage, port);
					p.put("tollgate.routes[0].credentials[0]", "api-key");
					apiKeys(p);
					return tollgate(stage, name, write(stage, name, p));
				}, false);
	}

	/** The gateway's public base URL in every Tollgate system: DPoP proofs name it in {@code htu}. */
	public static final String PUBLIC_BASE_URL = "https://gateway.perf";

	/**
	 * {@code tollgate-bearer} on a route that requires DPoP-bound tokens (RFC 9449): each request's proof is verified
	 * (RS256) and checked for replay in Redis, then the bound token is exchanged as on the bearer route.
	 */
	static SystemSpec tollgateDpop(TollgateBuild build) {
		return new SystemSpec("tollgate-dpop",
				tollgateBearer(build, 1).description() + "; binding: dpop (RS256 proof per request, replay check in "
						+ "Redis)",
				Credentials.DPOP, 1, (stage, name, port) -> {
					Map<String, Object> p = tollgateCommon(stage, port);
					p.put("tollgate.routes[0].credentials[0]", "bearer");
					exchange(p, stage);
					p.put("tollgate.routes[0].binding", "dpop");
					p.put("tollgate.routes[0].upstream-token.bound-tokens", "exchange");
					// Proofs are signed before the run (wrk cannot sign): they may be that old, never replayed.
					p.put("tollgate.binding.dpop.proof-max-age", "30m");
					return tollgate(stage, name, write(stage, name, p));
				}, false);
	}

	/** The route policy of {@code tollgate-policy}: the caller, its scopes, a claim and the request, as typical ones do. */
	static final String POLICY = "caller.client_id.startsWith('perf-client-') && 'orders:read' in caller.scopes "
			+ "&& caller.claims.sub == caller.subject && request.method == 'GET'";

	/** {@code tollgate-bearer} with a CEL route policy (enforced) after authorize. */
	static SystemSpec tollgatePolicy(TollgateBuild build) {
		return new SystemSpec("tollgate-policy",
				tollgateBearer(build, 1).description() + "; CEL route policy (caller, scopes, a claim, the method)",
				Credentials.BEARER, 1, (stage, name, port) -> {
					Map<String, Object> p = tollgateCommon(stage, port);
					p.put("tollgate.routes[0].credentials[0]", "bearer");
					exchange(p, stage);
					p.put("tollgate.routes[0].policy", POLICY);
					return tollgate(stage, name, write(stage, name, p));
				}, false);
	}

	/** An MCP {@code tools/call} (JSON-RPC over Streamable HTTP), the body of the MCP rows. */
	static final String TOOLS_CALL = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":"
			+ "{\"name\":\"search_orders\",\"arguments\":{\"customer\":\"c-42\",\"status\":\"open\",\"limit\":20}}}";

	/** Bare Spring Cloud Gateway posting the same {@code tools/call} as {@code tollgate-mcp}: its baseline. */
	static SystemSpec bareMcp() {
		SystemSpec bare = bare();
		return new SystemSpec("bare-mcp", "Spring Cloud Gateway, one route, no filters; POST of an MCP tools/call",
				Credentials.BEARER, 1, bare.launcher(), true, TOOLS_CALL);
	}

	/**
	 * The bearer chain on an MCP route: the body read and parsed, the tool's rule (its scope) checked, then the
	 * upstream token, as {@code tollgate-bearer}.
	 */
	static SystemSpec tollgateMcp(TollgateBuild build) {
		// In the route's own properties file: a list given on the command line would replace the route, not extend it.
		return new SystemSpec("tollgate-mcp",
				tollgateBearer(build, 1).description() + "; MCP route: JSON-RPC body parsed, per-tool scope checked",
				Credentials.BEARER, 1, (stage, name, port) -> {
					Map<String, Object> p = tollgateCommon(stage, port);
					p.put("tollgate.routes[0].credentials[0]", "bearer");
					exchange(p, stage);
					p.put("tollgate.routes[0].mcp.tools[0].name", "search_orders");
					p.put("tollgate.routes[0].mcp.tools[0].scopes[0]", Stage.SCOPE);
					p.put("tollgate.routes[0].mcp.unknown-tools", "deny");
					return tollgate(stage, name, write(stage, name, p));
				}, false, TOOLS_CALL);
	}

	/**
	 * For the soak run: one Tollgate gateway whose route takes both bearer JWTs (exchanged) and API keys (Redis
	 * store), rate limited on Redis, with the management plane on (admin token from a file) and the given
	 * {@code on-store-failure} policy.
	 */
	public static SystemSpec tollgateSoak(Path adminTokenFile, String onStoreFailure) {
		return new SystemSpec("tollgate-soak",
				"Tollgate full chain on bearer JWTs and API keys on one route, Redis rate limit (on-store-failure "
						+ onStoreFailure + "), admin token set",
				Credentials.BEARER, 1, (stage, name, port) -> {
					Map<String, Object> p = tollgateCommon(stage, port);
					p.put("tollgate.routes[0].credentials[0]", "bearer");
					p.put("tollgate.routes[0].credentials[1]", "api-key");
					exchange(p, stage);
					apiKeys(p);
					p.put("tollgate.rate-limit.on-store-failure", onStoreFailure);
					p.put("tollgate.admin.token-file", adminTokenFile.toAbsolutePath());
					return tollgate(stage, name, write(stage, name, p));
				}, false);
	}

	/** The bearer route's upstream token: an RFC 8693 exchange when the build has it (else minting, the default). */
	private static void exchange(Map<String, Object> p, Stage stage) {
		if (stage.tollgate().exchange()) {
			p.put("tollgate.sts.perf.token-uri", stage.tokenUri());
			p.put("tollgate.sts.perf.client-id", stage.gatewayClientId());
			p.put("tollgate.sts.perf.client-secret", stage.gatewayClientSecret());
			p.put("tollgate.sts.perf.cache-max-size", 50_000);
			p.put("tollgate.routes[0].upstream-token.exchange", "perf");
		}
	}

	private static void apiKeys(Map<String, Object> p) {
		// A route in migration: keys still accepted, callers told to move (Deprecation, Sunset, Link).
		p.put("tollgate.routes[0].api-keys.phase", "warn");
		p.put("tollgate.routes[0].api-keys.sunset", "2099-01-01T00:00:00Z");
		p.put("tollgate.api-keys.migration-guide", "https://tollgate.perf/migrate");
		p.put("tollgate.api-keys.store", "redis");
		p.put("tollgate.api-keys.cache-max-entries", 50_000);
	}

	private static Map<String, Object> tollgateCommon(Stage stage, int port) {
		Map<String, Object> p = common(stage, port);
		p.put("tollgate.redis.url", stage.redisUrl());
		p.put("tollgate.issuers[0].name", "perf");
		p.put("tollgate.issuers[0].issuer-uri", stage.issuerUri());
		p.put("tollgate.issuers[0].jwks-uri", stage.jwksUri());
		p.put("tollgate.gateway.public-base-url", PUBLIC_BASE_URL);
		p.put("tollgate.minting.issuer", "https://gateway.perf");
		p.put("tollgate.minting.cache-max-size", 50_000);
		p.put("tollgate.routes[0].id", "orders");
		p.put("tollgate.routes[0].path[0]", "/api/**");
		p.put("tollgate.routes[0].upstream", stage.upstreamUri());
		p.put("tollgate.routes[0].audience", Stage.AUDIENCE);
		p.put("tollgate.routes[0].scopes[0]", Stage.SCOPE);
		p.put("tollgate.routes[0].upstream-token.audience", Stage.UPSTREAM_AUDIENCE);
		if (stage.tollgate().rateLimit()) {
			// Far above what two cores can serve: the decision is measured, never a rejection.
			p.put("tollgate.rate-limit.policies.perf.limits[0]", "10000000/1s");
			p.put("tollgate.routes[0].rate-limit", "perf");
		}
		return p;
	}

	/** Settings every gateway shares: loopback only, the same logging. */
	private static Map<String, Object> common(Stage stage, int port) {
		Map<String, Object> p = new LinkedHashMap<>();
		p.put("server.address", "127.0.0.1");
		p.put("server.port", port);
		p.put("spring.main.banner-mode", "off");
		return p;
	}

	private static void route(Map<String, Object> p, Stage stage) {
		String r = "spring.cloud.gateway.server.webflux.routes[0]";
		p.put(r + ".id", "orders");
		p.put(r + ".uri", stage.upstreamUri());
		p.put(r + ".predicates[0]", "Path=/api/**");
	}

	private static List<String> baseline(Stage stage, String name, String mainClass, Path config) {
		List<String> command = new ArrayList<>(ManagedProcess.java(stage.jvmOptionsFor(name)));
		command.add("-cp");
		command.add(stage.classpath());
		command.add(mainClass);
		command.add("--spring.config.additional-location=file:" + config.toAbsolutePath());
		return command;
	}

	private static List<String> tollgate(Stage stage, String name, Path config) {
		List<String> command = new ArrayList<>(ManagedProcess.java(stage.jvmOptionsFor(name)));
		command.add("-jar");
		command.add(stage.tollgateJar().toAbsolutePath().toString());
		command.add("--spring.config.additional-location=file:" + config.toAbsolutePath());
		return command;
	}

	static Path write(Stage stage, String name, Map<String, Object> properties) throws IOException {
		Path file = stage.workDir().resolve(name + ".properties");
		try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			out.write("# generated by the Tollgate load harness for system instance '" + name + "'\n");
			for (Map.Entry<String, Object> e : properties.entrySet()) {
				out.write(e.getKey() + "=" + e.getValue() + "\n");
			}
		}
		return file;
	}

}

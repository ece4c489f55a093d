package dev.tollgate.perf.load.systems;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class SystemsTests {

	@TempDir
	Path work;

	Stage stage(TollgateBuild build) {
		return new Stage(7001, "redis://127.0.0.1:7002", "http://127.0.0.1:7003", "http://127.0.0.1:7003/oauth2/jwks",
				"http://127.0.0.1:7003/oauth2/token", "perf-gateway", "s3cret", "cp", List.of("-Xmx1g"),
				Path.of("tollgate.jar"), build, this.work, false, null);
	}

	@Test
	void allWhenListedThenReferencesFirstAndTwoInstanceRunLast() {
		List<SystemSpec> all = Systems.all(new TollgateBuild(true, true, true, true));

		assertThat(all).extracting(SystemSpec::id)
			.containsExactly("direct", "bare", "spring-builtins", "tollgate-bearer", "tollgate-bearer-strict",
					"tollgate-bearer-audit-off", "tollgate-passthrough", "tollgate-apikey", "tollgate-policy", "tollgate-dpop", "bare-mcp", "tollgate-mcp",
					"tollgate-bearer-x2");
		assertThat(all.get(0).direct()).isTrue();
		assertThat(all.get(all.size() - 1).instances()).isEqualTo(2);
	}

	@Test
	void tollgateBearerStrictWhenLaunchedThenSameChainWithRateLimitLeasesOff() throws Exception {
		TollgateBuild build = new TollgateBuild(true, true, true, true);
		SystemSpec strict = Systems.tollgateBearerStrict(build);
		List<String> command = strict.launcher().command(stage(build), "tollgate-bearer-strict", 9002);

		String config = Files.readString(this.work.resolve("tollgate-bearer-strict.properties"));
		assertThat(command).last().isEqualTo("--tollgate.rate-limit.lease.enabled=false");
		assertThat(config).contains("tollgate.routes[0].rate-limit=perf", "tollgate.routes[0].upstream-token.exchange=perf");
		assertThat(strict.description()).contains("leases off");
	}

	@Test
	void tollgateBearerAuditOffWhenLaunchedThenSameChainWithAuditLoggerAtWarn() throws Exception {
		TollgateBuild build = new TollgateBuild(true, true, true, true);
		SystemSpec auditOff = Systems.tollgateBearerAuditOff(build);
		List<String> command = auditOff.launcher().command(stage(build), "tollgate-bearer-audit-off", 9003);

		String config = Files.readString(this.work.resolve("tollgate-bearer-audit-off.properties"));
		assertThat(command).last().isEqualTo("--logging.level.tollgate.audit=warn");
		assertThat(config).contains("tollgate.routes[0].rate-limit=perf", "tollgate.routes[0].upstream-token.exchange=perf");
		assertThat(auditOff.description()).endsWith("audit trail off");
	}

	@Test
	void tollgatePassthroughWhenLaunchedThenTollgateJarServesBaresRouteWithoutTheFilter() throws Exception {
		TollgateBuild build = new TollgateBuild(true, true, true, true);
		SystemSpec passthrough = Systems.tollgatePassthrough();
		List<String> command = passthrough.launcher().command(stage(build), "tollgate-passthrough", 9006);

		String config = Files.readString(this.work.resolve("tollgate-passthrough.properties"));
		assertThat(command).anyMatch((arg) -> arg.endsWith("tollgate.jar"));
		assertThat(config).contains("spring.cloud.gateway.server.webflux.routes[0].predicates[0]=Path=/api/**",
				"spring.cloud.gateway.server.webflux.routes[0].filters[0]=ForwardCredentials")
			.doesNotContain("tollgate.routes");
		assertThat(passthrough.forwardsCallerCredential()).isTrue();
	}

	@Test
	void tollgateDpopWhenLaunchedThenRouteRequiresDpopAndExchangesBoundTokens() throws Exception {
		TollgateBuild build = new TollgateBuild(true, true, true, true);
		SystemSpec dpop = Systems.tollgateDpop(build);
		dpop.launcher().command(stage(build), "tollgate-dpop", 9005);

		String config = Files.readString(this.work.resolve("tollgate-dpop.properties"));
		assertThat(dpop.credentials()).isEqualTo(SystemSpec.Credentials.DPOP);
		assertThat(config).contains("tollgate.routes[0].binding=dpop",
				"tollgate.routes[0].upstream-token.bound-tokens=exchange", "tollgate.binding.dpop.proof-max-age=30m",
				"tollgate.gateway.public-base-url=https://gateway.perf");
	}

	@Test
	void tollgatePolicyWhenLaunchedThenBearerChainWithARoutePolicy() throws Exception {
		TollgateBuild build = new TollgateBuild(true, true, true, true);
		Systems.tollgatePolicy(build).launcher().command(stage(build), "tollgate-policy", 9004);

		String config = Files.readString(this.work.resolve("tollgate-policy.properties"));
		assertThat(config).contains("tollgate.routes[0].policy=caller.client_id.startsWith(",
				"tollgate.routes[0].upstream-token.exchange=perf", "tollgate.routes[0].rate-limit=perf");
	}

	@Test
	void tollgateMcpWhenLaunchedThenBearerChainOnAnMcpRoutePostingToolsCall() throws Exception {
		TollgateBuild build = new TollgateBuild(true, true, true, true);
		SystemSpec mcp = Systems.tollgateMcp(build);
		List<String> command = mcp.launcher().command(stage(build), "tollgate-mcp", 9003);

		String config = Files.readString(this.work.resolve("tollgate-mcp.properties"));
		assertThat(command).contains("-jar");
		assertThat(config).contains("tollgate.routes[0].mcp.tools[0].name=search_orders",
				"tollgate.routes[0].mcp.tools[0].scopes[0]=orders:read", "tollgate.routes[0].mcp.unknown-tools=deny",
				"tollgate.routes[0].upstream-token.exchange=perf");
		assertThat(mcp.jsonBody()).contains("\"method\":\"tools/call\"", "\"name\":\"search_orders\"");
		assertThat(Systems.bareMcp().jsonBody()).isEqualTo(mcp.jsonBody());
		assertThat(Systems.bareMcp().forwardsCallerCredential()).isTrue();
	}

	@Test
	void tollgateBearerWhenExchangeBuiltThenRouteExchangesAtTheAuthorizationServer() throws Exception {
		TollgateBuild build = new TollgateBuild(true, true, true, true);
		List<String> command = Systems.tollgateBearer(build, 1).launcher().command(stage(build), "tollgate-bearer", 9000);

		String config = Files.readString(this.work.resolve("tollgate-bearer.properties"));
		assertThat(command).contains("-jar", "-Xmx1g");
		assertThat(config).contains("server.address=127.0.0.1", "server.port=9000",
				"tollgate.routes[0].upstream=http://127.0.0.1:7001", "tollgate.routes[0].upstream-token.exchange=perf",
				"tollgate.sts.perf.token-uri=http://127.0.0.1:7003/oauth2/token", "tollgate.routes[0].rate-limit=perf",
				"tollgate.redis.url=redis://127.0.0.1:7002");
	}

	@Test
	void tollgateBearerWhenExchangeNotBuiltThenMintsAndSaysSo() throws Exception {
		TollgateBuild build = new TollgateBuild(true, false, false, false);
		SystemSpec spec = Systems.tollgateBearer(build, 1);
		spec.launcher().command(stage(build), "tollgate-bearer", 9000);

		String config = Files.readString(this.work.resolve("tollgate-bearer.properties"));
		assertThat(spec.description()).contains("minted token (exchange not built)", "no rate limit");
		assertThat(config).doesNotContain("exchange", "rate-limit");
	}

	@Test
	void springBuiltinsWhenConfiguredThenRateLimiterTokenRelayAndAudience() throws Exception {
		TollgateBuild build = new TollgateBuild(false, false, false, false);
		List<String> command = Systems.springBuiltins().launcher().command(stage(build), "spring-builtins", 9001);

		String config = Files.readString(this.work.resolve("spring-builtins.properties"));
		assertThat(command).contains("-cp", "cp");
		assertThat(config).contains("filters[0].name=RequestRateLimiter", "filters[1]=TokenRelay=sts",
				"key-resolver=#{@principalNameKeyResolver}",
				"jwt.audiences[0]=" + Stage.AUDIENCE,
				"authorization-grant-type=urn:ietf:params:oauth:grant-type:token-exchange");
	}

	@Test
	void tollgateSoakWhenLaunchedThenOneRouteTakesBothCredentialsWithAdminTokenFileAndPolicy() throws Exception {
		TollgateBuild build = new TollgateBuild(true, true, true, true);
		Path token = this.work.resolve("admin-token");
		Systems.tollgateSoak(token, "deny").launcher().command(stage(build), "tollgate-soak", 9003);

		String config = Files.readString(this.work.resolve("tollgate-soak.properties"));
		assertThat(config).contains("tollgate.routes[0].credentials[0]=bearer",
				"tollgate.routes[0].credentials[1]=api-key", "tollgate.api-keys.store=redis",
				"tollgate.routes[0].upstream-token.exchange=perf", "tollgate.routes[0].rate-limit=perf",
				"tollgate.rate-limit.on-store-failure=deny", "tollgate.admin.token-file=" + token.toAbsolutePath());
	}

}

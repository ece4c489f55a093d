package dev.tollgate.app.edge;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.tollgate.apikeys.lifecycle.ApiKeyLifecycle;
import dev.tollgate.apikeys.lifecycle.IssueRequest;
import dev.tollgate.app.TollgateApplication;
import dev.tollgate.testkit.EchoUpstream;
import dev.tollgate.testkit.MutableClock;
import dev.tollgate.testkit.RawHttp;
import dev.tollgate.testkit.RedisHarness;
import dev.tollgate.testkit.TestJwks;
import dev.tollgate.testkit.TestJwts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Finding 7, logs, on the running gateway's real console output (the application's log pattern): caller-controlled
 * values with CR/LF (a JWT's {@code client_id} and {@code sub}, an API key's client id) cannot forge a line, and a
 * flood of malformed requests costs a bounded number of lines with a summary count.
 */
@SpringBootTest(classes = TollgateApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
@Import(LogInjectionEdgeTests.Clocks.class)
class LogInjectionEdgeTests {

	static final String AUDIENCE = "https://gw.test/orders";

	/** What an attacker wants to appear as a line of its own. */
	static final String FORGED = "FORGED INFO tollgate.audit : admin_action outcome=success";

	static final TestJwks jwks = TestJwks.start();

	static final RedisHarness redis = RedisHarness.dedicated();

	static final EchoUpstream upstream = EchoUpstream.start(0);

	static final MutableClock clock = MutableClock.startingNow();

	@TestConfiguration(proxyBeanMethods = false)
	static class Clocks {

		@Bean
		Clock testClock() {
			return clock;
		}

	}

	@LocalServerPort
	int port;

	@Autowired
	ApiKeyLifecycle keys;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("tollgate.redis.url", redis::uri);
		registry.add("tollgate.minting.issuer", () -> "https://gw.test");
		registry.add("tollgate.gateway.public-base-url", () -> "https://gw.test");
		registry.add("tollgate.gateway.failed-auth.enabled", () -> "false");
		registry.add("tollgate.issuers[0].name", () -> "test");
		registry.add("tollgate.issuers[0].issuer-uri", jwks::issuerUri);
		registry.add("tollgate.issuers[0].jwks-uri", jwks::jwksUri);
		registry.add("tollgate.routes[0].id", () -> "orders");
		registry.add("tollgate.routes[0].path[0]", () -> "/orders/**");
		registry.add("tollgate.routes[0].upstream", upstream::uri);
		registry.add("tollgate.routes[0].audience", () -> AUDIENCE);
		registry.add("tollgate.routes[0].scopes[0]", () -> "orders:write");
		registry.add("tollgate.routes[0].credentials[0]", () -> "bearer");
		registry.add("tollgate.routes[0].credentials[1]", () -> "api-key");
		registry.add("tollgate.routes[0].upstream-token.audience", () -> "orders-api");
	}

	@AfterAll
	static void stop() {
		jwks.close();
		upstream.close();
		redis.close();
	}

	@Test
	void decisionLogWhenJwtClientIdAndSubjectCarryCrLfThenNoForgedLine(CapturedOutput output) {
		String token = TestJwts.jwt()
			.issuer(jwks.issuerUri())
			.audience(AUDIENCE)
			.clientId("agent-x\r\n" + FORGED)
			.subject("user\n" + FORGED)
			.scope("orders:read")
			.build();
		RawHttp.Response response = RawHttp.to(this.port).request("GET", "/orders/1", "Authorization: Bearer " + token);
		assertThat(response.status()).isEqualTo(403);
		assertNoForgedLine(output);
		assertThat(output.getOut()).contains("client_id=\"agent-x\\r\\n" + FORGED);
	}

	@Test
	void decisionLogWhenApiKeyClientIdCarriesCrLfThenNoForgedLine(CapturedOutput output) {
		String key = this.keys.issue(IssueRequest.forClient("agent-k\r\n" + FORGED).scopes(Set.of("orders:read")))
			.toCompletableFuture()
			.join()
			.key();
		RawHttp.Response response = RawHttp.to(this.port).request("GET", "/orders/1", "X-API-Key: " + key);
		assertThat(response.status()).isIn(401, 403);
		assertNoForgedLine(output);
		assertThat(output.getOut()).contains("agent-k\\r\\n" + FORGED);
	}

	@Test
	void edgeLogWhenThousandMalformedRequestsThenBoundedLinesWithSummaryCount(CapturedOutput output) {
		int before = edgeLines(output).size();
		for (int i = 0; i < 1000; i++) {
			String request = (i % 2 == 0) ? "GET /orders//" + i + " HTTP/1.1\r\nHost: gw\r\nConnection: close\r\n\r\n"
					: "GET /orders/" + i + " HTTP/1.1\r\nHost: gw\r\nX-Bad: a\u0001\r\n" + FORGED + "\r\n\r\n";
			assertThat(RawHttp.to(this.port).send(request).status()).isEqualTo(400);
		}
		List<String> flood = edgeLines(output).subList(before, edgeLines(output).size());
		// 1,000 refusals: the first in full, the other 999 counted into the next summary line.
		assertThat(flood).hasSize(1);
		assertThat(output.getOut()).doesNotContain("Decoding failed");

		clock.advance(Duration.ofMinutes(1));
		assertThat(RawHttp.to(this.port).send("GET /a//b HTTP/1.1\r\nHost: gw\r\nConnection: close\r\n\r\n").status())
			.isEqualTo(400);
		List<String> all = edgeLines(output).subList(before, edgeLines(output).size());
		assertThat(all).hasSize(2);
		// Reactor Netty reports an undecodable request after writing its 400, so the flood's last one may be counted
		// just after the clock moved, into the next interval: 999 or 1,000 of the 1,001 refusals are in this line.
		Matcher summary = Pattern.compile("count=\"(\\d+)\" reasons=\"non_normalized_path=(\\d+) "
				+ "undecodable_request=(\\d+)\"").matcher(all.get(1));
		assertThat(summary.find()).as(all.get(1)).isTrue();
		assertThat(Integer.parseInt(summary.group(1))).isBetween(999, 1000);
		assertThat(Integer.parseInt(summary.group(2)) + Integer.parseInt(summary.group(3)))
			.isEqualTo(Integer.parseInt(summary.group(1)));
		assertNoForgedLine(output);
	}

	private static List<String> edgeLines(CapturedOutput output) {
		return Arrays.stream(output.getOut().split("\n")).filter((line) -> line.contains("edge_rejected")).toList();
	}

	private static void assertNoForgedLine(CapturedOutput output) {
		assertThat(Arrays.stream(output.getOut().split("\r\n|\r|\n")))
			.as("no line begins with the forged text")
			.noneMatch((line) -> line.startsWith(FORGED) || line.startsWith("\t" + FORGED));
	}

}

package dev.tollgate.app.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.tollgate.app.TollgateApplication;
import dev.tollgate.testkit.EchoUpstream;
import dev.tollgate.testkit.RawHttp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Management on its own port ({@code management.server.port}): the same chain guards it there (the child context's
 * server runs the parent's filters, and {@code EndpointRequest} matches on that server only), and the traffic port
 * serves no management endpoint at all. The token comes from {@code tollgate.admin.token-file} here.
 */
@SpringBootTest(classes = TollgateApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ManagementPortTests {

	static final String ADMIN_TOKEN = "port-admin-token-0123456789abcdef";

	static final EchoUpstream upstream = EchoUpstream.start(0);

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("tollgate.minting.issuer", () -> "https://gw.test");
		registry.add("tollgate.gateway.public-base-url", () -> "https://gw.test");
		// The edge firewall refuses every `;` spelling with 400 before the guard (EdgePathTests); relaxed here so the
		// guard is shown to hold on its own against the paths routing decodes.
		registry.add("tollgate.gateway.firewall.allow-semicolon", () -> "true");
		registry.add("tollgate.admin.token-file", ManagementPortTests::tokenFile);
		registry.add("management.server.port", () -> "0");
		registry.add("management.endpoints.web.exposure.include", () -> ManagementPaths.EXPOSURE);
		registry.add("tollgate.routes[0].id", () -> "orders");
		registry.add("tollgate.routes[0].path[0]", () -> "/orders/**");
		registry.add("tollgate.routes[0].upstream", upstream::uri);
		registry.add("tollgate.routes[0].audience", () -> "https://gw.test/orders");
		registry.add("tollgate.routes[0].credentials[0]", () -> "api-key");
	}

	@AfterAll
	static void stop() {
		upstream.close();
	}

	/** The token as a mounted secret would hold it: in a file, with a trailing newline. */
	static String tokenFile() {
		try {
			Path file = Files.createTempFile("tollgate-admin-token", "");
			file.toFile().deleteOnExit();
			return Files.writeString(file, ADMIN_TOKEN + "\n").toString();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Test
	void managementPortWhenNoTokenThen401AndAnySpellingRefused() {
		assertThat(this.managementPort).isNotEqualTo(this.port);
		for (String target : ManagementPaths.LOCKED) {
			RawHttp.Response response = RawHttp.to(this.managementPort).request("GET", target);
			assertThat(response.status()).as(target).isEqualTo(401);
			assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"tollgate-admin\"");
			assertThat(response.header("Cache-Control")).isEqualTo("no-store");
			assertThat(response.body()).isEmpty();
		}
		for (String target : ManagementPaths.APIKEYS_SPELLINGS) {
			RawHttp.Response response = ManagementPaths.post(this.managementPort, target,
					"{\"action\":\"issue\",\"clientId\":\"intruder\"}");
			assertThat(response.status()).as(target + " -> " + response).isGreaterThanOrEqualTo(400);
			assertThat(response.body()).as(target).doesNotContain("\"key\"");
		}
	}

	@Test
	void managementPortWhenTokenThenEndpointsAnswerAndHealthOpen() {
		for (String target : List.of("/actuator/apikeys", "/actuator/prometheus", "/actuator/metrics",
				"/%61ctuator/apikeys")) {
			RawHttp.Response response = RawHttp.to(this.managementPort)
				.request("GET", target, "Authorization: Bearer " + ADMIN_TOKEN);
			assertThat(response.status()).as(target).isEqualTo(200);
		}
		assertThat(RawHttp.to(this.managementPort)
			.request("GET", "/actuator/apikeys", "Authorization: Bearer " + ADMIN_TOKEN + "x")
			.status()).isEqualTo(401);
		for (String target : ManagementPaths.OPEN) {
			assertThat(RawHttp.to(this.managementPort).request("GET", target).status()).as(target).isEqualTo(200);
		}
	}

	@Test
	void trafficPortWhenManagementMovedThenNoManagementEndpointEvenWithToken() {
		for (String target : List.of("/actuator/apikeys", "/actuator/prometheus", "/actuator;x=1/apikeys")) {
			RawHttp.Response response = RawHttp.to(this.port)
				.request("GET", target, "Authorization: Bearer " + ADMIN_TOKEN);
			assertThat(response.status()).as(target).isEqualTo(404);
			assertThat(response.body()).doesNotContain("\"keys\"").doesNotContain("tollgate_");
		}
	}

}

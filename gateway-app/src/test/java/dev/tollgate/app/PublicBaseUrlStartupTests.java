package dev.tollgate.app;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The real application refuses to start, with one message naming {@code tollgate.gateway.public-base-url} and no
 * stack trace, when a route authenticates and the property is missing or malformed: absolute URLs are never built
 * from the request instead.
 */
@ExtendWith(OutputCaptureExtension.class)
class PublicBaseUrlStartupTests {

	private static void run(String... extra) {
		List<String> args = new ArrayList<>(List.of("--server.port=0",
				"--tollgate.minting.issuer=https://gw.test", "--tollgate.routes[0].id=orders",
				"--tollgate.routes[0].path[0]=/orders/**", "--tollgate.routes[0].upstream=http://127.0.0.1:9",
				"--tollgate.routes[0].audience=https://gw.test/orders", "--tollgate.routes[0].credentials[0]=api-key",
				"--tollgate.routes[0].upstream-token.audience=orders-api"));
		args.addAll(List.of(extra));
		new SpringApplicationBuilder(TollgateApplication.class).web(WebApplicationType.REACTIVE)
			.run(args.toArray(String[]::new))
			.close();
	}

	@Test
	void startWhenRouteAuthenticatesAndPublicBaseUrlMissingThenFailsNamingPropertyAndRoute(CapturedOutput output) {
		assertThatException().isThrownBy(PublicBaseUrlStartupTests::run);

		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("tollgate.gateway.public-base-url: is required because route 'orders' authenticates callers")
			.contains("Fix tollgate.gateway.public-base-url");
	}

	@Test
	void startWhenPublicBaseUrlHasPathQueryOrUserInfoThenFailsNamingPropertyNeverTheSecret(CapturedOutput output) {
		assertThatException()
			.isThrownBy(() -> run("--tollgate.gateway.public-base-url=https://ops:hunter2@gw.test/base?x=1"));

		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("tollgate.gateway.public-base-url: must not contain user info")
			.doesNotContain("hunter2");
	}

}

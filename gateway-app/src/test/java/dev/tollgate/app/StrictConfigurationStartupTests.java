package dev.tollgate.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The real application refuses to start on a misspelt or unowned {@code tollgate.*} property, printing every problem
 * at once (route, property, where it was set, nearest known name) without a stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class StrictConfigurationStartupTests {

	@Test
	void startWhenPropertiesMisspeltOrOwnedByAbsentModuleThenFailsListingEachWithoutStackTrace(CapturedOutput output) {
		assertThatException().isThrownBy(() -> new SpringApplicationBuilder(TollgateApplication.class)
			.web(WebApplicationType.REACTIVE)
			.run("--server.port=0", "--tollgate.gateway.public-base-url=https://gw.test",
					"--tollgate.routes[0].id=orders", "--tollgate.routes[0].path[0]=/orders/**",
					"--tollgate.routes[0].upstream=http://127.0.0.1:9",
					"--tollgate.routes[0].audience=https://gw.test/orders",
					"--tollgate.routes[0].credentials[0]=api-key", "--tollgate.routes[0].scope=orders:read",
					"--tollgate.rate-limit.on-store-failur=deny", "--tollgate.demo.enabled=false")
			.close());

		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Invalid Tollgate configuration (3 problems):")
			.contains("route 'orders' (tollgate.routes[0].scope): is not a known property; did you mean "
					+ "tollgate.routes[0].scopes? (from property source 'commandLineArgs')")
			.contains("tollgate.rate-limit.on-store-failur: is not a known property; did you mean "
					+ "tollgate.rate-limit.on-store-failure?")
			.contains("tollgate.demo.enabled: is not a known property (no module on the classpath owns tollgate.demo)")
			.doesNotContain("\tat dev.tollgate");
	}

}

package dev.tollgate.perf.load.baseline;

import java.util.List;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * Bare Spring Cloud Gateway: one route to the upstream from configuration, no filters, no security, no Redis. The
 * reference for "what the gateway itself costs". Actuator and Micrometer stay on, as in every system here.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class BareGatewayApplication {

	static final List<String> EXCLUDED = List.of("dev.tollgate.", "org.springframework.boot.security.",
			"org.springframework.boot.data.redis.");

	public static void main(String[] args) {
		BaselineLauncher.run(BareGatewayApplication.class, EXCLUDED, args);
	}

}

package dev.tollgate.filters.config;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;

import dev.tollgate.filters.errors.ErrorResponder;
import dev.tollgate.filters.autoconfigure.TollgateFiltersAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Startup of a gateway with hand-written Spring Cloud Gateway routes: an {@code Authenticate} filter needs
 * {@code tollgate.gateway.public-base-url}, and a malformed value fails startup wherever it is set.
 */
class PublicBaseUrlRequirementTests {

	private static final String ROUTE = "spring.cloud.gateway.server.webflux.routes[0].";

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TollgateFiltersAutoConfiguration.class))
		.withUserConfiguration(GatewayPropertiesConfiguration.class)
		.withPropertyValues(ROUTE + "id=orders", ROUTE + "uri=http://127.0.0.1:9", ROUTE + "predicates[0]=Path=/orders/**");

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(GatewayProperties.class)
	static class GatewayPropertiesConfiguration {

	}

	@Test
	void contextWhenHandWrittenRouteAuthenticatesWithoutPublicBaseUrlThenStartupFailsNamingPropertyAndRoute() {
		this.runner.withPropertyValues(ROUTE + "filters[0].name=Authenticate", ROUTE + "filters[0].args.audience=a")
			.run(context -> {
				assertThat(context).hasFailed();
				assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
					.isInstanceOf(InvalidConfigurationException.class)
					.hasMessageContaining("tollgate.gateway.public-base-url: is required")
					.hasMessageContaining("route 'orders'");
			});
	}

	@Test
	void contextWhenDefaultFilterAuthenticatesWithoutPublicBaseUrlThenStartupFails() {
		this.runner.withPropertyValues("spring.cloud.gateway.server.webflux.default-filters[0]=Authenticate")
			.run(context -> assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.isInstanceOf(InvalidConfigurationException.class)
				.hasMessageContaining("tollgate.gateway.public-base-url"));
	}

	@Test
	void contextWhenHandWrittenRouteAuthenticatesWithPublicBaseUrlThenStarts() {
		this.runner
			.withPropertyValues(ROUTE + "filters[0].name=Authenticate", ROUTE + "filters[0].args.audience=a",
					"tollgate.gateway.public-base-url=https://GW.example.com/")
			.run(context -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(ErrorResponder.class).publicBaseUrl().value())
					.isEqualTo("https://gw.example.com");
			});
	}

	@Test
	void contextWhenNoRouteAuthenticatesThenPublicBaseUrlOptional() {
		this.runner.run(context -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(ErrorResponder.class).publicBaseUrl()).isNull();
		});
	}

	@Test
	void contextWhenPublicBaseUrlMalformedThenStartupFailsNamingPropertyEvenWithoutAuthenticatingRoute() {
		this.runner.withPropertyValues("tollgate.gateway.public-base-url=gateway.example.com")
			.run(context -> assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.isInstanceOf(InvalidConfigurationException.class)
				.hasMessageContaining("tollgate.gateway.public-base-url: must be an absolute http or https URL"));
	}

}

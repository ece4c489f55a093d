package dev.tollgate.admin;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.health.registry.ReactiveHealthContributorRegistry;
import org.springframework.boot.security.autoconfigure.actuate.web.reactive.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.header.StaticServerHttpHeadersWriter;

import dev.tollgate.filters.autoconfigure.GatewaySecurityAutoConfiguration;
import dev.tollgate.filters.config.StrictConfigurationCheck;

/**
 * The management plane's only guard: one Spring Security chain whose {@code securityMatcher} is Spring Boot's
 * {@link EndpointRequest#toAnyEndpoint()}. That matcher compares the path WebFlux routes on (percent-decoded, {@code ;}
 * parameters dropped, from the endpoint mappings actually exposed, on the management port when there is one), so
 * whatever reaches an actuator endpoint went through this chain. Health (and its groups, liveness and readiness)
 * is open; everything else needs {@code Authorization: Bearer <admin token>}, checked by
 * {@link AdminTokenAuthenticationManager}. Without an admin token everything but health is refused.
 * <p>
 * Gateway routes are not matched by this chain and run no Spring Security code but the proxy's match: Tollgate's
 * pipeline authenticates them. The proxy's request firewall is switched off because it would otherwise apply to every
 * route too (answering 400 without Tollgate's problem document and at a CPU cost, perf/RESULTS.md); path
 * normalisation for the whole server belongs to one gateway-wide firewall, and this chain does not depend on it.
 * <p>
 * An auto-configuration (not a component) so that an application adding only the starter gets it. It runs before
 * Spring Boot's reactive security auto-configurations and {@link GatewaySecurityAutoConfiguration}: their
 * {@code @ConditionalOnMissingBean} then sees this chain and backs off, instead of adding HTTP Basic in front of every
 * route (Boot) or a permit-all chain that would shadow this one (Tollgate's).
 */
@AutoConfiguration(before = GatewaySecurityAutoConfiguration.class, beforeName = {
		"org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@EnableWebFluxSecurity
@Import(StrictConfigurationCheck.class)
@EnableConfigurationProperties(AdminProperties.class)
public class ManagementSecurityAutoConfiguration {

	@Bean
	public AdminToken tollgateAdminToken(AdminProperties properties) {
		return AdminToken.resolve(properties);
	}

	@Bean
	public AdminAudit tollgateAdminAudit(ObjectProvider<MeterRegistry> registry, ObjectProvider<Clock> clock) {
		return new AdminAudit(registry.getIfAvailable(SimpleMeterRegistry::new), clock.getIfAvailable(Clock::systemUTC));
	}

	@Bean
	public SecurityWebFilterChain tollgateManagementSecurity(ServerHttpSecurity http, AdminToken token,
			AdminAudit audit, ObjectProvider<WebEndpointProperties> endpoints,
			ObjectProvider<HealthEndpointGroups> healthGroups, ObjectProvider<HealthContributorRegistry> health,
			ObjectProvider<ReactiveHealthContributorRegistry> reactiveHealth) {
		AdminEntryPoint entryPoint = new AdminEntryPoint(audit);
		AdminTokenAuthenticationManager manager = new AdminTokenAuthenticationManager(token);
		return http.securityMatcher(EndpointRequest.toAnyEndpoint())
			.authorizeExchange(exchanges -> exchanges.matchers(EndpointRequest.to("health"))
				.permitAll()
				.anyExchange()
				.hasAuthority(AdminTokenAuthenticationManager.AUTHORITY))
			.oauth2ResourceServer(resourceServer -> resourceServer
				.authenticationManagerResolver(exchange -> Mono.just(manager))
				.authenticationEntryPoint(entryPoint))
			.exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(entryPoint))
			// Bearer tokens only, no cookies or sessions: nothing for CSRF to protect, nothing to remember.
			.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			// Admin answers may carry a freshly issued key: never cache them anywhere (RFC 9111 §5.2.2.5).
			.headers(headers -> headers.cache(ServerHttpSecurity.HeaderSpec.CacheSpec::disable)
				.writer(StaticServerHttpHeadersWriter.builder().header(HttpHeaders.CACHE_CONTROL, "no-store").build()))
			.addFilterAfter(new AdminRequestContextWebFilter(), SecurityWebFiltersOrder.AUTHORIZATION)
			.addFilterAfter(new HealthPathGuard(endpoints.getIfAvailable(WebEndpointProperties::new).getBasePath(),
					healthGroups, health, reactiveHealth), SecurityWebFiltersOrder.AUTHORIZATION)
			.build();
	}

	/**
	 * Spring Security's proxy runs in front of every request, routes included; its firewall would too. See the class
	 * comment: routes keep their own path handling, and the management chain needs no firewall to be safe.
	 */
	@Bean
	public ServerWebExchangeFirewall tollgateSecurityProxyFirewall() {
		return ServerWebExchangeFirewall.INSECURE_NOOP;
	}

	/** No Spring Security observations: they would time every route request that merely passes the proxy. */
	@Bean
	public SecurityObservationSettings tollgateSecurityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

}

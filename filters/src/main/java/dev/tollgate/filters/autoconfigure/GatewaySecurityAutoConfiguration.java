package dev.tollgate.filters.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * Tollgate authenticates in its own pipeline filters, per route. Without this, Spring Security's defaults (pulled
 * in with its JOSE support) would put HTTP Basic in front of every route and overwrite upstreams' cache headers.
 * An application that declares its own {@link SecurityWebFilterChain} keeps it.
 */
@AutoConfiguration(beforeName = {
		"org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass({ ServerHttpSecurity.class, SecurityWebFilterChain.class })
public class GatewaySecurityAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(SecurityWebFilterChain.class)
	public SecurityWebFilterChain tollgateGatewaySecurity(ServerHttpSecurity http) {
		return http.authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
			.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
			.headers(headers -> headers.cache(ServerHttpSecurity.HeaderSpec.CacheSpec::disable))
			.build();
	}

}

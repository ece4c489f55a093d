package dev.tollgate.filters.strip;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.web.server.ServerWebExchange;

import dev.tollgate.filters.core.TollgateAttributes;

/**
 * Opts one public route in to forwarding the caller's {@code Authorization}, {@code Cookie} and API-key header to its
 * upstream, for an upstream that authenticates callers itself. Without it, {@link CredentialHeadersFilter} removes
 * them on every route. Identity headers and {@code Proxy-Authorization} are removed either way; on a route that
 * authenticates it changes nothing (the upstream token replaces the caller's credential). YAML name
 * {@code ForwardCredentials}, no arguments; declared routes say {@code forward-credentials: true}.
 */
public class ForwardCredentialsGatewayFilterFactory
		extends AbstractGatewayFilterFactory<ForwardCredentialsGatewayFilterFactory.Config> {

	public ForwardCredentialsGatewayFilterFactory() {
		super(Config.class);
	}

	@Override
	public GatewayFilter apply(Config config) {
		GatewayFilter filter = new GatewayFilter() {
			@Override
			public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
				exchange.getAttributes().put(TollgateAttributes.FORWARD_CREDENTIALS, Boolean.TRUE);
				return chain.filter(exchange);
			}

			@Override
			public String toString() {
				return "ForwardCredentials";
			}
		};
		// Before CredentialHeadersFilter reads the attribute.
		return new OrderedGatewayFilter(filter, StripHeadersGatewayFilterFactory.ORDER);
	}

	/** No settings: the filter's presence is the opt-in. */
	public static class Config {

	}

}

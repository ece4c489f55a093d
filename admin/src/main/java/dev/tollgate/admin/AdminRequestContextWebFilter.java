package dev.tollgate.admin;

import java.security.Principal;

import reactor.core.publisher.Mono;
import reactor.util.context.Context;

import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The last filter of the management security chain (after authorization): puts the {@link AdminRequest} into the
 * Reactor context, where {@link ApiKeysEndpoint} finds it for its audit lines.
 */
final class AdminRequestContextWebFilter implements WebFilter {

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		return exchange.getPrincipal()
			.map(Principal::getName)
			.defaultIfEmpty("-")
			.flatMap(admin -> chain.filter(exchange)
				.contextWrite(Context.of(AdminRequest.class, AdminRequest.of(exchange, admin))));
	}

}

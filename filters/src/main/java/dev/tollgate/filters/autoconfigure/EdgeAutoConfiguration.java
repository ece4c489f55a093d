package dev.tollgate.filters.autoconfigure;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import dev.tollgate.filters.config.StrictConfigurationCheck;
import dev.tollgate.filters.errors.ErrorResponder;
import dev.tollgate.filters.observe.DecisionRecorder;
import dev.tollgate.filters.edge.EdgeFirewall;
import dev.tollgate.filters.edge.EdgeFirewallWebFilter;
import dev.tollgate.filters.edge.FirewallProperties;
import dev.tollgate.filters.edge.MethodNotAllowedGatewayFilterFactory;
import dev.tollgate.filters.edge.MethodNotInRoutePredicateFactory;
import dev.tollgate.filters.edge.RouteFirewallRules;

/**
 * The edge: the strict firewall in front of everything the server answers, and the predicate and filter that turn a
 * method-restricted route's other methods into 405. Part of the filters module, so a plain Spring Cloud Gateway
 * application that uses Tollgate's filters gets the firewall too.
 */
@AutoConfiguration(after = TollgateFiltersAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@Import(StrictConfigurationCheck.class)
@EnableConfigurationProperties(FirewallProperties.class)
public class EdgeAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	public EdgeFirewallWebFilter tollgateEdgeFirewall(FirewallProperties properties,
			ObjectProvider<RouteFirewallRules> routes, ErrorResponder responder, DecisionRecorder recorder) {
		RouteFirewallRules rules = routes.getIfAvailable(() -> new RouteFirewallRules(List.of()));
		return new EdgeFirewallWebFilter(new EdgeFirewall(properties, rules), responder, recorder);
	}

	@Bean
	@ConditionalOnMissingBean
	public MethodNotInRoutePredicateFactory methodNotInRoutePredicateFactory() {
		return new MethodNotInRoutePredicateFactory();
	}

	@Bean
	@ConditionalOnMissingBean
	public MethodNotAllowedGatewayFilterFactory methodNotAllowedGatewayFilterFactory(ErrorResponder responder) {
		return new MethodNotAllowedGatewayFilterFactory(responder);
	}

}

package dev.tollgate.routes;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.tollgate.apikeys.phase.RoutePhasePolicies;
import dev.tollgate.apikeys.phase.RoutePhasePolicy;
import dev.tollgate.filters.binding.BindingStages;
import dev.tollgate.filters.config.PublicBaseUrlRequirement;
import dev.tollgate.filters.config.StrictConfigurationCheck;
import dev.tollgate.filters.edge.RouteFirewallRules;
import dev.tollgate.filters.errors.ErrorResponder;
import dev.tollgate.filters.mcp.McpRoutes;
import dev.tollgate.filters.mcp.McpSettings;

/** Validates {@code tollgate.routes} at startup and serves them as Spring Cloud Gateway routes. */
@AutoConfiguration
@Import(StrictConfigurationCheck.class)
@EnableConfigurationProperties(RoutesProperties.class)
public class RoutesAutoConfiguration {

	@Bean
	public ReferenceCatalog tollgateReferenceCatalog(Environment environment) {
		return ReferenceCatalog.from(environment);
	}

	@Bean
	public DeclaredRouteDefinitions tollgateDeclaredRoutes(RoutesProperties properties, ReferenceCatalog catalog,
			ErrorResponder responder) {
		// The declarations were checked before any bean was created (RoutesConfigurationOwner).
		PublicBaseUrlRequirement.check(responder.publicBaseUrl(), properties.routes()
			.stream()
			.filter(route -> !route.credentials().isEmpty())
			.map(RouteDeclaration::id)
			.toList());
		return new DeclaredRouteDefinitions(properties.routes());
	}

	/** Each route's API-key phase (allow, warn, brownout, reject) applies from the first request on. */
	@Bean
	public SmartInitializingSingleton tollgateRoutePhaseRegistration(RoutesProperties properties,
			ObjectProvider<RoutePhasePolicies> policies, DeclaredRouteDefinitions validated) {
		return () -> policies.ifAvailable(registry -> {
			for (RouteDeclaration route : properties.routes()) {
				if (route.credentials().contains("api-key")) {
					RouteDeclaration.ApiKeys keys = route.apiKeys();
					registry.register(route.id(),
							RoutePhasePolicy.parse(keys.phase(), keys.sunset(), keys.brownouts()));
				}
			}
		});
	}

	/** Each route's path patterns and firewall relaxations, for the edge firewall (strict unless a route relaxes). */
	@Bean
	public RouteFirewallRules tollgateRouteFirewallRules(RoutesProperties properties,
			DeclaredRouteDefinitions validated) {
		return new RouteFirewallRules(properties.routes()
			.stream()
			.map(route -> new RouteFirewallRules.Rule(route.id(), route.path(),
					route.firewall().relaxations()))
			.toList());
	}

	/** The {@code mcp} settings of each declared MCP route, for the pipeline's {@code mcp} stage. */
	@Bean
	public McpRoutes tollgateMcpRoutes(RoutesProperties properties, DeclaredRouteDefinitions validated) {
		Map<String, McpSettings> settings = new HashMap<>();
		for (RouteDeclaration route : properties.routes()) {
			if (route.mcp() != null) {
				settings.put(route.id(), route.mcp());
			}
		}
		return settings::get;
	}

	@Bean
	public ProtectedResourceMetadata tollgateProtectedResourceMetadata(RoutesProperties properties,
			ReferenceCatalog catalog, ErrorResponder responder, DeclaredRouteDefinitions validated,
			ObjectProvider<BindingStages> binding) {
		BindingStages stages = binding.getIfAvailable();
		return new ProtectedResourceMetadata(properties.routes(), catalog, responder.publicBaseUrl(),
				(stages != null) ? stages.dpopAlgorithms() : List.of());
	}

	@Bean
	public RouterFunction<ServerResponse> tollgateProtectedResourceMetadataEndpoint(ProtectedResourceMetadata metadata) {
		return RouterFunctions.route(RequestPredicates.GET(ProtectedResourceMetadata.WELL_KNOWN + "/**")
			.or(RequestPredicates.GET(ProtectedResourceMetadata.WELL_KNOWN)), metadata::handle);
	}

}

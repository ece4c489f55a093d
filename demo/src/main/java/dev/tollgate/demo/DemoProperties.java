package dev.tollgate.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The demo that runs when the gateway starts with no route declared ({@code tollgate.demo.*}).
 *
 * @param enabled Run the demo when no routes are declared. Set {@code false} to start an empty gateway instead.
 * @param authorizationServerPort Port of the demo's dev authorization server (Spring Authorization Server); 0 picks a
 * free port.
 * @param echoPort Port of the demo's echo upstream; 0 (default) picks a free port.
 * @param mcpPort Port of the demo's MCP server (two tools behind the route {@code tools}); 0 (default) picks a free
 * port.
 */
@ConfigurationProperties("tollgate.demo")
public record DemoProperties(boolean enabled, @DefaultValue("9000") int authorizationServerPort, int echoPort, int mcpPort) {

}

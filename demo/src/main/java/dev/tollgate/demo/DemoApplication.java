package dev.tollgate.demo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The demo a newcomer runs with no configuration (README, Quick start): the production gateway's defaults plus an
 * echo upstream, a demo route and a dev authorization server ({@link DemoEnvironmentPostProcessor}). Never deploy
 * it: the authorization server's client secret is public.
 */
@SpringBootApplication
public class DemoApplication {

	public static void main(String[] args) {
		SpringApplication app = new SpringApplication(DemoApplication.class);
		// The dev authorization server brings Tomcat and servlet Spring Security; the gateway itself is reactive.
		app.setWebApplicationType(WebApplicationType.REACTIVE);
		app.run(args);
	}

}

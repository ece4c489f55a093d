package com.example.consumer;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An existing Spring Cloud Gateway application that adds tollgate-spring-boot-starter and nothing else. Its package
 * is outside {@code dev.tollgate}, so component scanning finds no Tollgate class: everything Tollgate does here comes
 * from the starter's auto-configurations.
 */
@SpringBootApplication
public class ConsumerGatewayApplication {

}

package io.mooring.gateway;

import io.mooring.runtime.ServiceMain;

/**
 * Marathon's REST API v2 in front of the Mooring services: stateless, one HTTP server and no gRPC server. Its
 * configuration is {@code application-api-gateway.yml}, read in the {@code api-gateway} environment.
 */
public final class GatewayMain {
  private GatewayMain() {}

  public static void main(String[] args) {
    ServiceMain.run(GatewayMain.class, "api-gateway", args);
  }
}

package io.mooring.sim.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.mooring.sim.master.Master;
import java.io.IOException;
import org.apache.mesos.v1.master.Protos.Response;

/** GET /master/state (and /state): the cluster in Mesos' state.json shape. */
final class StateEndpoint implements HttpHandler {
  private final Master master;

  StateEndpoint(Master master) {
    this.master = master;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    if (!exchange.getRequestMethod().equals("GET")) {
      Exchanges.text(exchange, 405, "Expecting a 'GET' request");
      return;
    }
    Master.StateSnapshot snapshot = master.state();
    Response.GetMaster info = snapshot.master();
    Exchanges.json(exchange, 200, StateJson.render(info.getMasterInfo(), snapshot.state(), info.getStartTime(),
        info.getElectedTime()).toString());
  }
}

package io.mooring.offer.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.apache.mesos.v1.Protos.Address;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.AgentInfo;
import org.apache.mesos.v1.Protos.URL;
import org.apache.mesos.v1.master.Protos.Response.GetAgents;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** An agent's base URL from an offer's url and from GET_AGENTS. */
class AgentUrlsTest {
  @ParameterizedTest(name = "{0} {1} {2} {3} -> {4}")
  @CsvSource(nullValues = "none", value = {
      "http,  agent-1.example, 10.0.0.5, 5051, http://10.0.0.5:5051",
      "http,  agent-1.example, '',       5051, http://agent-1.example:5051",
      "https, agent-1.example, 10.0.0.5, 5052, https://10.0.0.5:5052",
      "'',    agent-1.example, 10.0.0.5, 5051, http://10.0.0.5:5051",
      "http,  agent-1.example, ::1,      5051, http://[::1]:5051",
      "http,  '',              '',       5051, none",
      "http,  agent-1.example, 10.0.0.5, 0,    none"})
  void fromAnOffersUrlTheIpComesFirst(String scheme, String hostname, String ip, int port, String expected) {
    URL url = URL.newBuilder().setScheme(scheme).setPath("/slave(1)")
        .setAddress(Address.newBuilder().setHostname(hostname).setIp(ip).setPort(port)).build();
    assertEquals(Optional.ofNullable(expected), AgentUrls.of(url));
  }

  @ParameterizedTest(name = "{0} -> {3}")
  @CsvSource(nullValues = "none", value = {
      "slave(1)@10.0.0.7:5051, h7, 5051, http://10.0.0.7:5051",
      "slave(1)@10.0.0.7:5099, h7, 5051, http://10.0.0.7:5099",
      "'',                     h7, 5053, http://h7:5053",
      "garbage,                h7, 5051, http://h7:5051",
      "slave(1)@10.0.0.7:x,    h7, 5051, http://h7:5051"})
  void fromGetAgentsThePidComesFirst(String pid, String hostname, int port, String expected) {
    GetAgents.Agent agent = GetAgents.Agent.newBuilder().setPid(pid).setActive(true).setDeactivated(false).setVersion("1.11.0")
        .setAgentInfo(AgentInfo.newBuilder().setId(AgentID.newBuilder().setValue("S1")).setHostname(hostname)
            .setPort(port)).build();
    assertEquals(Optional.ofNullable(expected), AgentUrls.of(agent));
  }
}

package io.mooring.offer.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.apache.mesos.v1.Protos.Address;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.URL;
import org.junit.jupiter.api.Test;

class AgentDirectoryTest {
  private static Offer offer(String agentId, String ip, int port) {
    Offer.Builder offer = Offer.newBuilder().setId(OfferID.newBuilder().setValue("O-" + agentId))
        .setFrameworkId(FrameworkID.newBuilder().setValue("fw")).setAgentId(AgentID.newBuilder().setValue(agentId))
        .setHostname("h-" + agentId);
    if (ip != null) {
      offer.setUrl(URL.newBuilder().setScheme("http").setPath("/slave(1)")
          .setAddress(Address.newBuilder().setHostname("h-" + agentId).setIp(ip).setPort(port)));
    }
    return offer.build();
  }

  @Test
  void theLatestOfferOfAnAgentSaysWhereItListens() {
    AgentDirectory directory = new AgentDirectory();
    directory.offered(offer("S1", "10.0.0.1", 5051));
    directory.offered(offer("S2", null, 0));
    assertEquals(Optional.of("http://10.0.0.1:5051"), directory.url("S1"));
    assertEquals(Optional.empty(), directory.url("S2"), "an offer without a url says nothing");
    directory.offered(offer("S1", "10.0.0.1", 40123));
    assertEquals(Optional.of("http://10.0.0.1:40123"), directory.url("S1"));
  }

  @Test
  void theAgentsLeastRecentlyUsedGoFirstPastTheBound() {
    AgentDirectory directory = new AgentDirectory(2);
    directory.offered(offer("S1", "10.0.0.1", 5051));
    directory.offered(offer("S2", "10.0.0.2", 5051));
    directory.url("S1");
    directory.offered(offer("S3", "10.0.0.3", 5051));
    assertEquals(2, directory.size());
    assertEquals(Optional.empty(), directory.url("S2"));
    assertEquals(Optional.of("http://10.0.0.1:5051"), directory.url("S1"));
  }
}

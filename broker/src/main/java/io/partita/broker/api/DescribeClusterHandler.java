package io.partita.broker.api;

import io.partita.broker.cluster.BrokerRegistration;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.DescribeClusterResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.DescribeClusterRequest;
import org.apache.kafka.common.requests.DescribeClusterResponse;
import org.apache.kafka.common.requests.RequestContext;

/** DescribeCluster: the live brokers, the controller and the cluster id. */
final class DescribeClusterHandler implements ApiHandler<DescribeClusterRequest> {
    /** Endpoint type 1 is "brokers"; 2 ("controllers") is a KRaft notion this cluster does not have. */
    private static final byte BROKER_ENDPOINTS = 1;

    private final ApiContext api;

    DescribeClusterHandler(ApiContext api) {
        this.api = api;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestContext context, DescribeClusterRequest request) {
        var snapshot = api.snapshot();
        DescribeClusterResponseData data = new DescribeClusterResponseData()
                .setClusterId(api.clusterId())
                .setControllerId(snapshot.controllerId())
                .setEndpointType(BROKER_ENDPOINTS);
        if (request.version() >= 1 && request.data().endpointType() != BROKER_ENDPOINTS) {
            data.setErrorCode(Errors.UNSUPPORTED_ENDPOINT_TYPE.code())
                    .setErrorMessage("Only broker endpoints are available from this cluster.");
            return CompletableFuture.completedFuture(new DescribeClusterResponse(data));
        }
        for (BrokerRegistration broker : snapshot.brokers().values()) {
            data.brokers()
                    .add(new DescribeClusterResponseData.DescribeClusterBroker()
                            .setBrokerId(broker.id())
                            .setHost(broker.host())
                            .setPort(broker.port())
                            .setRack(broker.rack())
                            .setIsFenced(false));
        }
        return CompletableFuture.completedFuture(new DescribeClusterResponse(data));
    }
}

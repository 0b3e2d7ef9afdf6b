package com.alphastocks.streams.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.apicurio.registry.resolver.client.RegistryArtifactReference;
import io.apicurio.registry.resolver.client.RegistryClientFacade;
import io.apicurio.registry.resolver.client.RegistryVersionCoordinates;
import io.apicurio.registry.resolver.strategy.ArtifactReference;

/**
 * A STAND-IN for an Apicurio Registry server, which cannot run on these machines: it implements Apicurio's own
 * client interface in memory, so that the registry wire mode's glue (our configuration of Apicurio's real
 * serdes, the framing, reading both framings) is exercised without a server. It is not a test of the server.
 */
final class InMemoryRegistryStandIn implements RegistryClientFacade {

    /** One registered version; content id and global id are the same number here. */
    private record Version(RegistryVersionCoordinates coordinates, String schema, List<RegistryArtifactReference> references) {
    }

    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, Version> byId = new ConcurrentHashMap<>();
    private final Map<String, Version> byArtifactAndSchema = new ConcurrentHashMap<>();
    private final Map<String, Version> byGav = new ConcurrentHashMap<>();
    /** Artifact ids in the order the serializer registered them (nested named types come first, as references). */
    final List<String> registeredArtifacts = new ArrayList<>();

    @Override
    public synchronized RegistryVersionCoordinates createSchema(String artifactType, String groupId, String artifactId,
            String version, String autoCreateBehavior, boolean canonical, String schemaString,
            Set<RegistryArtifactReference> references) {
        return byArtifactAndSchema.computeIfAbsent(artifactId + '\n' + schemaString, k -> {
            long id = ids.incrementAndGet();
            var coordinates = RegistryVersionCoordinates.create(id, id, groupId, artifactId, String.valueOf(id));
            Version registered = new Version(coordinates, schemaString, List.copyOf(references == null ? Set.of() : references));
            byId.put(id, registered);
            byGav.put(gav(groupId, artifactId, coordinates.getVersion()), registered);
            registeredArtifacts.add(artifactId);
            return registered;
        }).coordinates();
    }

    @Override
    public String getSchemaByContentId(Long contentId) {
        return version(contentId).schema();
    }

    @Override
    public String getSchemaByGlobalId(long globalId, boolean dereferenced) {
        return version(globalId).schema();
    }

    @Override
    public List<RegistryArtifactReference> getReferencesByContentId(long contentId) {
        return version(contentId).references();
    }

    @Override
    public List<RegistryArtifactReference> getReferencesByGlobalId(long globalId) {
        return version(globalId).references();
    }

    @Override
    public List<RegistryVersionCoordinates> searchVersionsByContent(String schemaString, String artifactType,
            ArtifactReference reference, boolean canonical) {
        Version found = byArtifactAndSchema.get(reference.getArtifactId() + '\n' + schemaString);
        return found == null ? List.of() : List.of(found.coordinates());
    }

    @Override
    public String getSchemaByGAV(String groupId, String artifactId, String version) {
        return gavVersion(groupId, artifactId, version).schema();
    }

    @Override
    public String getSchemaByContentHash(String contentHash) {
        throw new UnsupportedOperationException("not used by the Avro serdes without references");
    }

    @Override
    public List<RegistryArtifactReference> getReferencesByGAV(String groupId, String artifactId, String version) {
        return gavVersion(groupId, artifactId, version).references();
    }

    @Override
    public List<RegistryArtifactReference> getReferencesByContentHash(String contentHash) {
        return List.of();
    }

    @Override
    public RegistryVersionCoordinates getVersionCoordinatesByGAV(String groupId, String artifactId, String version) {
        throw new UnsupportedOperationException("not used with auto-registration");
    }

    @Override
    public Object getClient() {
        return this;
    }

    private Version version(long id) {
        Version version = byId.get(id);
        if (version == null) {
            throw new IllegalArgumentException("no schema with id " + id + " in the stand-in registry");
        }
        return version;
    }

    private Version gavVersion(String groupId, String artifactId, String version) {
        Version found = byGav.get(gav(groupId, artifactId, version));
        if (found == null) {
            throw new IllegalArgumentException("no version " + gav(groupId, artifactId, version) + " in the stand-in registry");
        }
        return found;
    }

    private static String gav(String groupId, String artifactId, String version) {
        return groupId + ':' + artifactId + ':' + version;
    }
}

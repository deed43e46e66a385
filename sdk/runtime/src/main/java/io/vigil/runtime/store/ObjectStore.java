package io.vigil.runtime.store;

import io.minio.BucketExistsArgs;
import io.minio.CopyObjectArgs;
import io.minio.SourceObject;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.UploadObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.MinioException;
import io.minio.messages.Item;
import io.vigil.api.VigilException;
import io.vigil.runtime.errors.RuntimeErrors;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The object store (MinIO, S3 or the embedded S3Proxy) through the MinIO client. Every failure is a
 * {@link VigilException} naming the bucket and key; credentials never appear in messages.
 */
public final class ObjectStore implements AutoCloseable {
  private final MinioClient client;
  private final String endpoint;

  public ObjectStore(String endpoint, String accessKey, Secret secretKey, String region) {
    this.endpoint = endpoint;
    MinioClient.Builder builder = MinioClient.builder().endpoint(endpoint).region(region);
    if (accessKey != null && secretKey != null) {
      builder.credentials(accessKey, secretKey.reveal());
    }
    this.client = builder.build();
  }

  public String endpoint() {
    return endpoint;
  }

  /** Creates the bucket unless it exists; true when it was created. */
  public boolean ensureBucket(String bucket) {
    return call("create bucket " + bucket, () -> {
      if (client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
        return false;
      }
      client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
      return true;
    });
  }

  public boolean bucketExists(String bucket) {
    return call("check bucket " + bucket, () -> client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build()));
  }

  public void put(String bucket, String key, byte[] bytes) {
    call("write " + url(bucket, key), () -> client.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
        .stream(new ByteArrayInputStream(bytes), (long) bytes.length, -1L).build()));
  }

  public void put(String bucket, String key, Path file) {
    call("upload " + file + " to " + url(bucket, key), () -> client.uploadObject(
        UploadObjectArgs.builder().bucket(bucket).object(key).filename(file.toString()).build()));
  }

  public byte[] read(String bucket, String key) {
    return call("read " + url(bucket, key), () -> {
      try (GetObjectResponse in = client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
        return in.readAllBytes();
      }
    });
  }

  /** At most the first {@code maxBytes} bytes of an object, e.g. to read a CSV header. */
  public byte[] readHead(String bucket, String key, long maxBytes) {
    return call("read " + url(bucket, key), () -> {
      ObjectInfo info = stat(bucket, key);
      if (info == null || info.size() == 0) {
        return new byte[0];
      }
      long length = Math.min(maxBytes, info.size());
      try (GetObjectResponse in = client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).offset(0L).length(length).build())) {
        return in.readAllBytes();
      }
    });
  }

  /** Streams an object to a local file (replacing it). */
  public void download(String bucket, String key, Path file) {
    call("download " + url(bucket, key), () -> {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".part");
      try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return null;
    });
  }

  /** The object's metadata, or null when it does not exist. */
  public ObjectInfo stat(String bucket, String key) {
    return call("stat " + url(bucket, key), () -> {
      try {
        StatObjectResponse r = client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build());
        return new ObjectInfo(key, r.size(), r.lastModified() == null ? null : r.lastModified().toInstant());
      } catch (ErrorResponseException e) {
        String code = e.errorResponse() == null ? "" : e.errorResponse().code();
        if ("NoSuchKey".equals(code) || "NoSuchObject".equals(code) || "NotFound".equals(code)) {
          return null;
        }
        throw e;
      }
    });
  }

  public boolean exists(String bucket, String key) {
    return stat(bucket, key) != null;
  }

  /** Objects under {@code prefix}, recursively, sorted by key; folder markers included. */
  public List<ObjectInfo> list(String bucket, String prefix) {
    return call("list " + url(bucket, prefix), () -> {
      List<ObjectInfo> out = new ArrayList<>();
      for (Result<Item> result : client.listObjects(ListObjectsArgs.builder().bucket(bucket).prefix(prefix).recursive(true).build())) {
        Item item = result.get();
        if (!item.isDir()) {
          out.add(new ObjectInfo(item.objectName(), item.size(),
              item.lastModified() == null ? null : item.lastModified().toInstant()));
        }
      }
      out.sort((a, b) -> a.key().compareTo(b.key()));
      return out;
    });
  }

  public void copy(String bucket, String from, String to) {
    call("copy " + url(bucket, from) + " to " + to, () -> client.copyObject(CopyObjectArgs.builder().bucket(bucket).object(to)
        .source(SourceObject.builder().bucket(bucket).object(from).build()).build()));
  }

  public void delete(String bucket, String key) {
    call("delete " + url(bucket, key), () -> {
      client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
      return null;
    });
  }

  /** Copies then deletes: object stores have no rename. */
  public void move(String bucket, String from, String to) {
    copy(bucket, from, to);
    delete(bucket, from);
  }

  @Override
  public void close() {
    try {
      client.close();
    } catch (Exception e) {
      throw RuntimeErrors.objectStoreClientUnclosable(e);
    }
  }

  public static String url(String bucket, String key) {
    return "s3://" + bucket + "/" + key;
  }

  private interface Call<T> {
    T run() throws MinioException, IOException;
  }

  private <T> T call(String what, Call<T> call) {
    try {
      return call.run();
    } catch (ErrorResponseException e) {
      String code = e.errorResponse() == null ? e.getMessage() : e.errorResponse().code();
      throw RuntimeErrors.objectStoreRefused(what, code, e);
    } catch (MinioException | IOException e) {
      throw RuntimeErrors.objectStoreUnreachable(what, endpoint, e);
    }
  }
}

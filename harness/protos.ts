// Loads the Analyzer protobuf classes, the gRPC runtime and the well-known types from the place
// @pulumi/pulumi's generated code loads them. The generated serializers check `instanceof` against
// their own copies of Empty/Struct, so a second copy of google-protobuf or @grpc/grpc-js would make
// every call fail with "Expected argument of type ...".
import { createRequire } from "node:module";
import type * as grpcModule from "@grpc/grpc-js";
import type * as analyzerPbModule from "@pulumi/pulumi/proto/analyzer_pb";
import type * as analyzerGrpcModule from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import type * as pluginPbModule from "@pulumi/pulumi/proto/plugin_pb";
import type * as structPbModule from "google-protobuf/google/protobuf/struct_pb";
import type * as emptyPbModule from "google-protobuf/google/protobuf/empty_pb";

const requireFromProtos = createRequire(require.resolve("@pulumi/pulumi/proto/analyzer_grpc_pb.js"));

export const grpc: typeof grpcModule = requireFromProtos("@grpc/grpc-js");
export const analyzerPb: typeof analyzerPbModule = requireFromProtos("./analyzer_pb.js");
export const analyzerGrpc: typeof analyzerGrpcModule = requireFromProtos("./analyzer_grpc_pb.js");
export const pluginPb: typeof pluginPbModule = requireFromProtos("./plugin_pb.js");
export const structPb: typeof structPbModule = requireFromProtos("google-protobuf/google/protobuf/struct_pb.js");
export const emptyPb: typeof emptyPbModule = requireFromProtos("google-protobuf/google/protobuf/empty_pb.js");

export type AnalyzerPb = typeof analyzerPbModule;
export type StructValue = structPbModule.JavaScriptValue;

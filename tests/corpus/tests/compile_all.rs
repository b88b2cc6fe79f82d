//! Every IDL file of ../shared/idl expands (thrift_include!) and compiles, each in its own
//! module. A file whose generated code does not compile fails this test crate, and the
//! compiler names the module, which is named after the file.

#![allow(dead_code, non_camel_case_types, clippy::all)]

mod thrifttest {
    thrift_runtime::thrift_include!("../../../shared/idl/ThriftTest.thrift");
}

mod accumulo_core_src_main_thrift_client {
    thrift_runtime::thrift_include!(
        "../../../shared/idl/corpus/accumulo/core/src/main/thrift/client.thrift"
    );
}

mod accumulo_core_src_main_thrift_data {
    thrift_runtime::thrift_include!(
        "../../../shared/idl/corpus/accumulo/core/src/main/thrift/data.thrift"
    );
}

mod accumulo_core_src_main_thrift_manager {
    thrift_runtime::thrift_include!(
        "../../../shared/idl/corpus/accumulo/core/src/main/thrift/manager.thrift"
    );
}

mod accumulo_core_src_main_thrift_security {
    thrift_runtime::thrift_include!(
        "../../../shared/idl/corpus/accumulo/core/src/main/thrift/security.thrift"
    );
}

mod apache_thrift_contrib_fb303_if_fb303 {
    thrift_runtime::thrift_include!(
        "../../../shared/idl/corpus/apache-thrift/contrib/fb303/if/fb303.thrift"
    );
}

mod apache_thrift_test_annotationtest {
    thrift_runtime::thrift_include!(
        "../../../shared/idl/corpus/apache-thrift/test/AnnotationTest.thrift"
    );
}

mod apache_thrift_test_constantsdemo {
    thrift_runtime::thrift_include!(
        "../../../shared/idl/corpus/apache-thrift/test/ConstantsDemo.thrift"
    );
}

mod apache_thrift_test_debugprototest {
    thrift_runtime::thrift_include!(
        "../../../shared/idl/corpus/apache-thrift/test/DebugProtoTest.thrift"
    );
}

mod apache_thrift_test_doubleconstantstest {
    thrift_runtime::thrift_include!(
        "../../../shared/idl/corpus/apache-thrift/test/DoubleConstantsTest.thrift"
    );
}

mod apache_thrift_test_optionalrequiredtest {
    thrift_runtime::thrift_include!(
        "../../../shared/idl/corpus/apache-thrift/test/OptionalRequiredTest.thrift"
    );
}

mod apache_thrift_test_recursive {
    thrift_runtime::thrift_include!(
        "../../../shared/idl/corpus/apache-thrift/test/Recursive.thrift"
    );
}

mod apache_thrift_test_smalltest {
    thrift_runtime::thrift_include!(
        "../../../shared/idl/corpus/apache-thrift/test/SmallTest.thrift"
    );
}

mod apache_thrift_test_thrifttest {
    thrift_runtime::thrift_include!(
        "../../../shared/idl/corpus/apache-thrift/test/ThriftTest.thrift"
    );
}

mod apache_thrift_tutorial_shared {
    thrift_runtime::thrift_include!(
        "../../../shared/idl/corpus/apache-thrift/tutorial/shared.thrift"
    );
}

mod apache_thrift_tutorial_tutorial {
    thrift_runtime::thrift_include!(
        "../../../shared/idl/corpus/apache-thrift/tutorial/tutorial.thrift"
    );
}

mod aurora_api_src_main_thrift_org_apache_aurora_gen_api {
    thrift_runtime::thrift_include!(
        "../../../shared/idl/corpus/aurora/api/src/main/thrift/org/apache/aurora/gen/api.thrift"
    );
}

mod aurora_api_src_main_thrift_org_apache_aurora_gen_storage {
    thrift_runtime::thrift_include!(
        "../../../shared/idl/corpus/aurora/api/src/main/thrift/org/apache/aurora/gen/storage.thrift"
    );
}

mod happybase_happybase_hbase {
    thrift_runtime::thrift_include!("../../../shared/idl/corpus/happybase/happybase/Hbase.thrift");
}

mod jaeger_idl_thrift_agent {
    thrift_runtime::thrift_include!("../../../shared/idl/corpus/jaeger-idl/thrift/agent.thrift");
}

mod jaeger_idl_thrift_jaeger {
    thrift_runtime::thrift_include!("../../../shared/idl/corpus/jaeger-idl/thrift/jaeger.thrift");
}

mod jaeger_idl_thrift_zipkincore {
    thrift_runtime::thrift_include!(
        "../../../shared/idl/corpus/jaeger-idl/thrift/zipkincore.thrift"
    );
}

mod parquet_format_src_main_thrift_parquet {
    thrift_runtime::thrift_include!(
        "../../../shared/idl/corpus/parquet-format/src/main/thrift/parquet.thrift"
    );
}

mod scribe_if_scribe {
    thrift_runtime::thrift_include!(
        "../../../shared/idl/corpus/scribe/if/scribe.thrift",
        include_dirs = ["../../../shared/idl/corpus/apache-thrift/contrib"]
    );
}

mod scrooge_scrooge_generator_tests_src_test_thrift_relative_candy {
    thrift_runtime::thrift_include!(
        "../../../shared/idl/corpus/scrooge/scrooge-generator-tests/src/test/thrift/relative/candy.thrift"
    );
}

mod scrooge_scrooge_generator_tests_src_test_thrift_relative_dir1_dir4_include4 {
    thrift_runtime::thrift_include!(
        "../../../shared/idl/corpus/scrooge/scrooge-generator-tests/src/test/thrift/relative/dir1/dir4/include4.thrift"
    );
}

mod scrooge_scrooge_generator_tests_src_test_thrift_relative_dir1_include1 {
    thrift_runtime::thrift_include!(
        "../../../shared/idl/corpus/scrooge/scrooge-generator-tests/src/test/thrift/relative/dir1/include1.thrift"
    );
}

mod scrooge_scrooge_generator_tests_src_test_thrift_relative_dir2_include2 {
    thrift_runtime::thrift_include!(
        "../../../shared/idl/corpus/scrooge/scrooge-generator-tests/src/test/thrift/relative/dir2/include2.thrift"
    );
}

mod scrooge_scrooge_generator_tests_src_test_thrift_relative_dir3_include3 {
    thrift_runtime::thrift_include!(
        "../../../shared/idl/corpus/scrooge/scrooge-generator-tests/src/test/thrift/relative/dir3/include3.thrift"
    );
}

mod storm_storm_client_src_storm {
    thrift_runtime::thrift_include!(
        "../../../shared/idl/corpus/storm/storm-client/src/storm.thrift"
    );
}

mod thriftrw_go_gen_internal_tests_thrift_enums {
    thrift_runtime::thrift_include!(
        "../../../shared/idl/corpus/thriftrw-go/gen/internal/tests/thrift/enums.thrift"
    );
}

mod thriftrw_go_gen_internal_tests_thrift_stringdef {
    thrift_runtime::thrift_include!(
        "../../../shared/idl/corpus/thriftrw-go/gen/internal/tests/thrift/stringdef.thrift"
    );
}

mod thriftrw_go_gen_internal_tests_thrift_structs {
    thrift_runtime::thrift_include!(
        "../../../shared/idl/corpus/thriftrw-go/gen/internal/tests/thrift/structs.thrift"
    );
}

mod thriftrw_go_gen_internal_tests_thrift_typedefs {
    thrift_runtime::thrift_include!(
        "../../../shared/idl/corpus/thriftrw-go/gen/internal/tests/thrift/typedefs.thrift"
    );
}

mod thriftrw_go_gen_internal_tests_thrift_unions {
    thrift_runtime::thrift_include!(
        "../../../shared/idl/corpus/thriftrw-go/gen/internal/tests/thrift/unions.thrift"
    );
}

mod myservice {
    thrift_runtime::thrift_include!("../../../shared/idl/myservice.thrift");
}

#[test]
fn every_file_compiled() {
    // Reaching this test means all the modules above compiled.
    let _ = thrifttest::Numberz::ONE;
}

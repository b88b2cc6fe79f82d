# The project seed's example service.
namespace py myservice

struct MyData {
    1: string name,
    2: i32 age,
    3: bool active
}

service MyService {
    void doSomething(1: MyData data),
    bool checkStatus()
}

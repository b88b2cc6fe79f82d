struct B { 1: string b }

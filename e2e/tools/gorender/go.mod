module paypage/gorender

go 1.19

extension Service {
    /// An error's wire code as model files written before error shapes carried it keep it, on
    /// an operation's error (`errors[].code`): the service's error shape of that name takes it,
    /// the one place the model keeps a wire code. A file without that error shape gets one that
    /// knows the code and status only: partial, its members never written.
    mutating func adoptOperationErrorCode(_ code: String, error name: String, httpStatus: Int?) {
        guard code != name else { return }
        if var known = errorShapes[name] {
            if known.code == nil { known.code = code }
            if known.httpStatus == nil { known.httpStatus = httpStatus }
            errorShapes[name] = known
        } else {
            var shape = Shape(type: .structure)
            shape.name = name
            shape.exception = true
            shape.partial = true
            errorShapes[name] = ErrorShape(code: code, httpStatus: httpStatus, shape: shape)
        }
    }
}

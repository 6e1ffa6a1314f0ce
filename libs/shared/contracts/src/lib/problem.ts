/** One field at fault in a request, by its JSON pointer-ish path (`email`, `name.fr`, `rows[3].email`). */
export interface FieldError {
  field: string;
  message: string;
}

/** RFC 9457 problem details, as every error of the API is shaped. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  /** Present on validation problems (400/422). */
  errors?: FieldError[];
  /** Request id, to find the log line. */
  requestId?: string;
}

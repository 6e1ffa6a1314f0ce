import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  CoachCourse,
  CompetenceArea,
  CourseDraft,
  CourseFile,
  CourseSummary,
  CourseVersion,
  CourseVersionSummary,
  CreateCourseRequest,
  CreateLessonRequest,
  CreateModuleRequest,
  Locale,
  MediaUpload,
  RenderedMarkdown,
  UpdateCourseRequest,
  UpdateLessonRequest,
  UpdateModuleRequest,
} from '@tc/shared/contracts';
import { type Observable, shareReplay } from 'rxjs';

export const COURSES_API = '/api/v1/courses';
const RENDER_API = '/api/v1/catalog/render';
const COMPETENCES_API = '/api/v1/competences';
const MEDIA_API = '/api/v1/media';

const seg = encodeURIComponent;

/** The trainer's catalog API: courses, their draft outline, publishing, versions, preview, media. */
@Injectable({ providedIn: 'root' })
export class CoursesService {
  private readonly http = inject(HttpClient);
  private competences$: Observable<CompetenceArea[]> | null = null;

  list(scope: 'mine' | 'published' = 'mine'): Observable<CourseSummary[]> {
    return this.http.get<CourseSummary[]>(COURSES_API, { params: new HttpParams().set('scope', scope) });
  }

  create(request: CreateCourseRequest): Observable<CourseDraft> {
    return this.http.post<CourseDraft>(COURSES_API, request);
  }

  /** A new draft of the caller's copied from this course (its draft, or its latest version). */
  duplicate(id: string): Observable<CourseDraft> {
    return this.http.post<CourseDraft>(`${COURSES_API}/${seg(id)}/duplicate`, null);
  }

  get(id: string): Observable<CourseDraft> {
    return this.http.get<CourseDraft>(`${COURSES_API}/${seg(id)}`);
  }

  update(id: string, request: UpdateCourseRequest): Observable<CourseDraft> {
    return this.http.patch<CourseDraft>(`${COURSES_API}/${seg(id)}`, request);
  }

  setArchived(id: string, archived: boolean): Observable<CourseDraft> {
    return this.http.post<CourseDraft>(
      `${COURSES_API}/${seg(id)}/${archived ? 'archive' : 'unarchive'}`,
      null,
    );
  }

  addCoAuthor(id: string, email: string): Observable<CourseDraft> {
    return this.http.post<CourseDraft>(`${COURSES_API}/${seg(id)}/co-authors`, { email });
  }

  removeCoAuthor(id: string, userId: string): Observable<CourseDraft> {
    return this.http.delete<CourseDraft>(`${COURSES_API}/${seg(id)}/co-authors/${seg(userId)}`);
  }

  addModule(id: string, request: CreateModuleRequest): Observable<CourseDraft> {
    return this.http.post<CourseDraft>(`${COURSES_API}/${seg(id)}/modules`, request);
  }

  updateModule(id: string, moduleId: string, request: UpdateModuleRequest): Observable<CourseDraft> {
    return this.http.patch<CourseDraft>(`${COURSES_API}/${seg(id)}/modules/${seg(moduleId)}`, request);
  }

  deleteModule(id: string, moduleId: string): Observable<CourseDraft> {
    return this.http.delete<CourseDraft>(`${COURSES_API}/${seg(id)}/modules/${seg(moduleId)}`);
  }

  reorderModules(id: string, ids: string[]): Observable<CourseDraft> {
    return this.http.put<CourseDraft>(`${COURSES_API}/${seg(id)}/modules/order`, { ids });
  }

  addLesson(id: string, moduleId: string, request: CreateLessonRequest): Observable<CourseDraft> {
    return this.http.post<CourseDraft>(`${COURSES_API}/${seg(id)}/modules/${seg(moduleId)}/lessons`, request);
  }

  updateLesson(id: string, lessonId: string, request: UpdateLessonRequest): Observable<CourseDraft> {
    return this.http.patch<CourseDraft>(`${COURSES_API}/${seg(id)}/lessons/${seg(lessonId)}`, request);
  }

  deleteLesson(id: string, lessonId: string): Observable<CourseDraft> {
    return this.http.delete<CourseDraft>(`${COURSES_API}/${seg(id)}/lessons/${seg(lessonId)}`);
  }

  reorderLessons(id: string, moduleId: string, ids: string[]): Observable<CourseDraft> {
    return this.http.put<CourseDraft>(`${COURSES_API}/${seg(id)}/modules/${seg(moduleId)}/lessons/order`, {
      ids,
    });
  }

  /**
   * 201 with the new version; 422 problem listing everything that stops the publish. `stopOffering`:
   * languages removed from the offered ones first, in the same transaction.
   */
  publish(id: string, stopOffering: readonly Locale[] = []): Observable<CourseVersion> {
    const params = stopOffering.length
      ? new HttpParams().set('stopOffering', stopOffering.join(','))
      : undefined;
    return this.http.post<CourseVersion>(`${COURSES_API}/${seg(id)}/publish`, null, { params });
  }

  versions(id: string): Observable<CourseVersionSummary[]> {
    return this.http.get<CourseVersionSummary[]>(`${COURSES_API}/${seg(id)}/versions`);
  }

  version(id: string, n: number): Observable<CourseVersion> {
    return this.http.get<CourseVersion>(`${COURSES_API}/${seg(id)}/versions/${n}`);
  }

  /** What a coach sees, in one locale, of the draft or of version `version`. */
  preview(id: string, locale: Locale, version?: number | null): Observable<CoachCourse> {
    let params = new HttpParams().set('locale', locale);
    if (version != null) params = params.set('version', String(version));
    return this.http.get<CoachCourse>(`${COURSES_API}/${seg(id)}/preview`, { params });
  }

  export(id: string, version?: number | null): Observable<CourseFile> {
    const params = version != null ? new HttpParams().set('version', String(version)) : undefined;
    return this.http.get<CourseFile>(`${COURSES_API}/${seg(id)}/export`, { params });
  }

  /** The parsed JSON of a course file, sent as is: the server validates it. */
  import(file: unknown): Observable<CourseDraft> {
    return this.http.post<CourseDraft>(`${COURSES_API}/import`, file);
  }

  /** The server's markdown renderer (the same one the coach's view uses). */
  render(markdown: string): Observable<RenderedMarkdown> {
    return this.http.post<RenderedMarkdown>(RENDER_API, { markdown });
  }

  /** DigComp 2.2 areas and competences, fetched once. */
  competences(): Observable<CompetenceArea[]> {
    this.competences$ ??= this.http
      .get<CompetenceArea[]>(COMPETENCES_API)
      .pipe(shareReplay({ bufferSize: 1, refCount: false }));
    return this.competences$;
  }

  upload(file: File): Observable<MediaUpload> {
    const body = new FormData();
    body.append('file', file, file.name);
    return this.http.post<MediaUpload>(MEDIA_API, body);
  }
}

/** Where an uploaded file (cover, image, PDF) is served from. */
export function mediaUrl(hash: string): string {
  return `${MEDIA_API}/${encodeURIComponent(hash)}`;
}

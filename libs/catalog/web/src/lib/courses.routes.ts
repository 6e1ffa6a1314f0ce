import type { Route } from '@angular/router';
import { CourseDraftStore } from './data-access/course-draft.store';

/**
 * `/courses` (my courses), `/courses/:id` (editor), `/courses/:id/lessons/:lessonId` and
 * `/courses/:id/preview?locale&version`. The pages of one course share its draft store.
 */
export const coursesRoutes: Route[] = [
  {
    path: '',
    loadComponent: () => import('./course-list/course-list.page').then((m) => m.CourseListPage),
  },
  {
    path: ':id',
    providers: [CourseDraftStore],
    children: [
      {
        path: '',
        loadComponent: () => import('./course-editor/course-editor.page').then((m) => m.CourseEditorPage),
      },
      {
        path: 'lessons/:lessonId',
        loadComponent: () => import('./lesson-editor/lesson-editor.page').then((m) => m.LessonEditorPage),
      },
      {
        path: 'preview',
        loadComponent: () => import('./course-preview/course-preview.page').then((m) => m.CoursePreviewPage),
      },
    ],
  },
];

import type { Article, ArticleId, ArticleInput } from '@passerelle/core';
import type { RequestOptions } from '../options';
import type { ArticleListParams, KnowledgeHit, KnowledgeSearchParams } from '../types';
import { items } from '../validation';
import { RecordResource, Resource } from './resource';

/** /v1/knowledge/articles: the Survival Guide and the office's FAQ, one language per article. */
export class Articles extends RecordResource<{
  record: Article;
  view: Article;
  input: ArticleInput;
  patch: Partial<ArticleInput>;
  updated: Article;
  params: ArticleListParams;
  id: ArticleId;
}> {
  protected readonly base = '/v1/knowledge/articles';
  protected readonly schemas = { record: 'Article' } as const;
}

/** The knowledge base: its articles and a ranked search over them. */
export class Knowledge extends Resource {
  readonly articles: Articles = new Articles(this.transport);

  /**
   * Articles that answer `q`, best first, each with the passage that matched (BM25, with
   * Chinese word segmentation). The bot answers from these and cites them.
   */
  async search(params: KnowledgeSearchParams, options?: RequestOptions): Promise<KnowledgeHit[]> {
    const answer = await this.transport.call<{ data: KnowledgeHit[] }>({
      method: 'GET',
      path: '/v1/knowledge/search',
      query: params,
      options,
      shape: items(),
    });
    return answer.data;
  }
}

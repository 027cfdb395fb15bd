export {
  TEMPLATE_CATEGORIES,
  normaliseCategory,
  type TemplateCategory
} from '../../shared/domain/templateCategory'
